// A refused save as the form shows it: field errors on their fields (JSON
// Pointers into `data`), anything else above the form, in the UI language the
// engine answered in. A lost connection or a 5xx is said to be retryable.
import { ApiError, NetworkError } from '../api/client';
import type { FieldError } from '../api/types';

export interface FormProblem {
  message: string;
  fieldErrors: FieldError[];
  retryable: boolean;
  status?: number;
}

export function formProblem(err: unknown): FormProblem {
  if (err instanceof ApiError) {
    const fieldErrors = err.errors.filter((e) => e.path !== '' && !e.path.startsWith('/querystring'));
    return { message: err.message, fieldErrors, retryable: err.status >= 500, status: err.status };
  }
  if (!(err instanceof NetworkError)) console.error('saving failed', err);
  return { message: err instanceof Error ? err.message : String(err), fieldErrors: [], retryable: true };
}

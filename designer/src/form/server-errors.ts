// The engine's problem+json `errors[{path, message}]` (JSON Pointers into `data`,
// e.g. `/lines/0/qty`) as an rjsf ErrorSchema, so each message shows next to its
// field. An empty path is about the whole document and shows above the form.
import { ErrorSchemaBuilder, type ErrorSchema } from '@rjsf/utils';
import type { FieldError } from '../api/types';

const unescape = (segment: string) => segment.replaceAll('~1', '/').replaceAll('~0', '~');

export function serverErrorSchema(errors: FieldError[]): ErrorSchema {
  const builder = new ErrorSchemaBuilder();
  for (const { path, message } of errors) {
    const segments = path.split('/').slice(1).map(unescape);
    builder.addErrors(message, segments.length > 0 ? segments : undefined);
  }
  return builder.ErrorSchema;
}

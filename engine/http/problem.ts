// The one place that turns errors into application/problem+json (RFC 9457).
// 5xx details never reach the client: they are logged with the request id instead.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCatalogue, type ErrorCode, type FieldError } from '../errors';
import {
  fieldErrorsParam,
  toFieldErrors,
  localizeErrors,
  messageError,
  problemTitle,
  renderMessage,
  type MessageLocale,
} from '../messages/index';
import { requestLocale } from './locale';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const problemType = (code: ErrorCode) => `urn:jinxiaocun:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export function problemFor(
  code: ErrorCode,
  detail: string,
  extra: Partial<ProblemBody> = {},
  locale: MessageLocale = 'zh-CN',
): ProblemBody {
  const { status } = errorCatalogue[code];
  return { type: problemType(code), title: problemTitle(code, locale), status, detail, code, ...extra };
}

/**
 * The problem body of a typed error: the same for an HTTP answer and a job's
 * result (workers). The title, a detail from the message catalogue and field
 * errors made from it are rendered in `locale`.
 */
export function problemOf(err: AppError, locale: MessageLocale = 'zh-CN'): ProblemBody {
  const detail = err.messageKey ? renderMessage(err.messageKey, locale, err.params) : err.message;
  const errors = err.errors ? localizeErrors(err.errors, locale) : undefined;
  return problemFor(err.code, detail, { errors, ...err.extra }, locale);
}

const REQUEST_INVALID = {
  body: 'BAD_REQUEST.body_invalid',
  headers: 'BAD_REQUEST.headers_invalid',
  querystring: 'INVALID_QUERY.querystring_invalid',
  params: 'INVALID_QUERY.params_invalid',
} as const;

/** Fastify's own errors (body parsing, schema validation, limits) mapped to our codes. */
function fromFastifyError(err: FastifyError, locale: MessageLocale): ProblemBody | null {
  if (err.validation) {
    // The same per-keyword messages as a document's own data (toFieldErrors), in the caller's language.
    const part = err.validationContext ?? 'body';
    const errors = toFieldErrors(err.validation, part === 'body' ? '' : `/${part}`);
    const key = REQUEST_INVALID[part];
    return problemOf(messageError(key, { problems: fieldErrorsParam(errors) }, { errors }), locale);
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return problemFor('PAYLOAD_TOO_LARGE', renderMessage('PAYLOAD_TOO_LARGE.body_too_large', locale));
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return problemFor('BAD_REQUEST', renderMessage('BAD_REQUEST.not_json', locale));
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problemFor('BAD_REQUEST', renderMessage('BAD_REQUEST.unsupported_media_type', locale));
  if (err.statusCode === 429) return problemFor('RATE_LIMITED', err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code =
      (Object.keys(errorCatalogue) as ErrorCode[]).find((c) => errorCatalogue[c].status === err.statusCode) ??
      'BAD_REQUEST';
    return problemFor(code, err.message);
  }
  return null;
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(request);
    let body: ProblemBody | null;
    if (err instanceof AppError) {
      body = problemOf(err, locale);
    } else {
      body = fromFastifyError(err, locale);
    }
    if (!body || body.status >= 500) {
      request.log.error({ err }, 'request failed');
      body = problemFor('INTERNAL', `An internal error occurred; quote request id ${request.id} when reporting it.`);
    } else if (body.status !== 404) {
      request.log.info({ code: body.code, status: body.status }, body.detail);
    } else {
      // Awaited: with Redis the next request, on whichever engine, must see this one counted.
      await request.server.countNotFound?.(request);
    }
    body.title = problemTitle(body.code, locale);
    body.instance = request.url.split('?')[0];
    return sendProblem(reply, body);
  });
}

/** The answer for a URL no route serves; registered (rate limited) by the security plugin. */
export async function notFoundHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  await request.server.countNotFound?.(request);
  const locale = requestLocale(request);
  const detail = renderMessage('NOT_FOUND.no_route', locale, {
    method: request.method,
    path: request.url.split('?')[0],
  });
  return sendProblem(reply, problemFor('NOT_FOUND', detail, {}, locale));
}

// The same request answered in zh-CN and in en (the localized-error suites):
// each suite adds what it compares of the two answers.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

export interface BothRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

export async function answersInBoth(
  app: FastifyInstance,
  request: BothRequest,
  languages: [string, string] = ['zh-CN', 'en'],
): Promise<{ zh: LightMyRequestResponse; en: LightMyRequestResponse }> {
  const answer = (language: string) =>
    app.inject({
      method: request.method,
      url: request.url,
      headers: { ...request.headers, 'accept-language': language },
      ...(request.payload ? { payload: request.payload as InjectOptions['payload'] } : {}),
    });
  return { zh: await answer(languages[0]), en: await answer(languages[1]) };
}

// X-Request-Id from a client (a load balancer's trace id) is echoed and logged, so
// only a bounded, safe form is kept: letters, digits, `.`, `_`, `-`, up to 64.
// Anything else (CR/LF, markup, kilobytes) gets a fresh id instead.
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : null;
}

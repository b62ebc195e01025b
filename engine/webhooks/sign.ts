// The signature a receiver checks: HMAC-SHA256 over `${timestamp}.${rawBody}`
// with the webhook's secret, hex, in `X-Jxc-Signature: sha256=…`; the timestamp
// (Unix seconds) travels in `X-Jxc-Timestamp`. Binding the timestamp into the MAC
// lets a receiver refuse replays older than a few minutes.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-jxc-signature';
export const TIMESTAMP_HEADER = 'x-jxc-timestamp';

export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; exported for tests and for integrators to copy. */
export function verify(input: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  nowSec: number;
  toleranceSec?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!Number.isInteger(ts) || Math.abs(input.nowSec - ts) > (input.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(sign(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

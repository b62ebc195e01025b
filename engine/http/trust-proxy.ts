// Turns the TRUST_PROXY setting into Fastify's `trustProxy`. Fastify ignores a bare
// hop count (it cannot check who the immediate peer is), so a count becomes a
// function trusting that many hops from the socket, as proxy-addr does: safe only
// when the engine can be reached through the load balancer alone. Addresses and
// CIDRs are checked on every hop and are the safer choice.
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config';

export function trustProxyOption(setting: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config';
import { ConfigError } from '../../engine/errors';

describe('TRUST_PROXY', () => {
  it('is off by default and when empty or "false"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('reads a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('reads a comma list of addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each([
    ['true', 'forge'],
    ['0', '1 to 10'],
    ['11', '1 to 10'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['lb.internal', 'lb.internal'],
    ['10.0.0.1/8/2', '10.0.0.1/8/2'],
  ])('refuses %s, naming the variable', (value, hint) => {
    let caught: unknown;
    try {
      loadConfig({ TRUST_PROXY: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe('TRUST_PROXY');
    expect((caught as ConfigError).message).toContain(hint);
  });
});

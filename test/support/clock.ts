// A clock tests move by hand: lockout windows and token lifetimes pass instantly.
export interface FakeClock {
  now(): Date;
  advance(ms: number): void;
}

export function fakeClock(start = '2026-03-02T08:00:00.000Z'): FakeClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
}

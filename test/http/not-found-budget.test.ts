import { describe, expect, it } from 'vitest';
import { createNotFoundBudget } from '../../engine/http/not-found-budget';

describe('createNotFoundBudget', async () => {
  const clock = () => {
    let at = 1_000_000;
    return { now: () => at, advance: (ms: number) => (at += ms) };
  };

  it('blocks a key once it has spent the budget, until its window ends', async () => {
    const c = clock();
    const budget = createNotFoundBudget({ max: 2, timeWindowMs: 60_000 }, c.now);
    await budget.spend('user:a');
    expect(await budget.blockedFor('user:a')).toBe(0);
    await budget.spend('user:a');
    expect(await budget.blockedFor('user:a')).toBe(60);
    c.advance(59_001);
    expect(await budget.blockedFor('user:a')).toBe(1);
    c.advance(999);
    expect(await budget.blockedFor('user:a')).toBe(0);
    await budget.spend('user:a');
    expect(await budget.blockedFor('user:a')).toBe(0);
  });

  it('keeps one budget per key', async () => {
    const budget = createNotFoundBudget({ max: 1, timeWindowMs: 60_000 }, clock().now);
    await budget.spend('ip:10.0.0.1');
    expect(await budget.blockedFor('ip:10.0.0.1')).toBe(60);
    expect(await budget.blockedFor('ip:10.0.0.2')).toBe(0);
  });

  it('forgets expired windows when many keys pile up', async () => {
    const c = clock();
    const budget = createNotFoundBudget({ max: 1, timeWindowMs: 1000 }, c.now);
    for (let i = 0; i < 10_000; i++) await budget.spend(`ip:${i}`);
    c.advance(1000);
    await budget.spend('ip:new');
    expect(await budget.blockedFor('ip:new')).toBe(1);
    expect(await budget.blockedFor('ip:0')).toBe(0);
  });
});

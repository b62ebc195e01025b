import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Files that must have the machine to themselves, run one at a time after all the
// others: the soak and crash runs judge memory growth and 5xx under a load they make
// themselves, and the child engines and workers of the multi-engine and
// `npm run workers` tests use the queues' default Redis prefix, which two of them at
// once would share (each would take the other's jobs).
const ALONE = ['test/resilience/**/*.test.ts', 'test/queue/workers-main.test.ts'];

export default defineConfig({
  test: {
    // Starts FerretDB (and checks Redis) once per project; under CI=true a missing
    // service fails the run instead of skipping.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits as long as a browser locator does (15 s): on two busy cores a
    // re-render after a drag or a pick can take more than vitest's default second.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ALONE,
          // Most files wait on FerretDB, Chromium or a child process for much of their
          // time, so two at a time keep both cores of a 2-core machine busy (vitest's
          // default is the core count minus one: one file at a time there).
          maxWorkers: Math.max(2, availableParallelism()),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts FerretDB (and checks Redis) once for the whole run; under CI=true a
    // missing service fails the run instead of skipping.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits as long as a browser locator does (15 s): on two busy cores a
    // re-render after a drag or a pick can take more than vitest's default second.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
  },
});

import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that need the machine to themselves: they load every core on purpose (the concurrency and SIGKILL
 * suites, the starved probe) or time themselves (the benchmarks' smoke run, the load test). They run one at a
 * time after the others.
 */
const EXCLUSIVE = [
  'test/bench-smoke.test.ts',
  'test/store/concurrency-*.test.ts',
  'test/server/submission-concurrency-*.test.ts',
  'test/reliability/load.test.ts',
  'testkit/scenarios/starved-probe.test.ts',
];

/**
 * The rest wait on browsers, servers, sockets and timers as much as on the CPU: two files at a time even on two
 * cores (vitest's default would be one worker fewer than the cores).
 */
const SHARED_WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits 1 s by default: a dashboard request still loading after that with a second file beside it
    // failed a page test. As long as the pages' own waits (15 s).
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'testkit/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...EXCLUSIVE],
          maxWorkers: SHARED_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'exclusive', include: EXCLUSIVE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});

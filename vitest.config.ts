import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: unit tests beside the code, end-to-end tests in tests/.
// Three groups, one after another (sequence.groupOrder): the unit tests together; then the
// end-to-end tests; then the abuse suite alone, since it measures an honest room's latency
// during each attack and must not share the 2 cores with a fuzz run or a browser.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'server', root: './server', include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } },
      { test: { name: 'client', root: './client', include: ['src/**/*.test.{ts,tsx}'] } },
      {
        test: {
          name: 'e2e',
          root: './tests',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Browsers and server processes are heavy on a 2-core machine: one file at a time.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'abuse',
          root: './tests',
          include: ['abuse/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file attacks a server process of its own and measures latency: one at a time.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../support/api';
import { servicesProblem, startTwoInstances, type TwoInstances } from '../support/cluster';
import { convergenceSize, runConvergence, type ConvergenceOutcome } from '../support/convergence';
import { ServerProcess } from '../support/server';

/**
 * Issue 11, case 3: at least 8 editors edit one board at random (cards, text, moves, links,
 * unlinks, votes, deletes), with random disconnects and one SIGKILL + restart, and a
 * facilitator changes frames and the title. The old server refused all of them and left as
 * many different documents. CI's size runs in well under a minute;
 * `CONVERGENCE_EDITORS=10 CONVERGENCE_MS=120000` runs the two minutes, and
 * `E2E_SEED=<n>` replays a run's choices.
 */

const size = convergenceSize();

function expectConverged(outcome: ConvergenceOutcome): void {
  const summary = `seed ${outcome.seed}: ${JSON.stringify(outcome.ops)}, ${outcome.disconnects} disconnects, ${outcome.cards} cards at the end`;
  console.log(`[trust-convergence] ${summary}`);
  expect(outcome.refusals, summary).toEqual([]);
  expect(outcome.differing, summary).toEqual([]);
  expect(outcome.exportsEqual, summary).toBe(true);
  expect(outcome.ops.delete ?? 0, summary).toBeGreaterThan(0);
}

describe('random editing converges (issue 11, case 3) on SQLite', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await ServerProcess.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it(
    `${size.editors} editors for ${size.durationMs / 1000} s, deletes, disconnects and a SIGKILL: one document, nobody refused`,
    async () => {
      const board = await createBoard(server.url, { title: 'Convergence', template: 'benchlearning', locale: 'en' });
      expectConverged(await runConvergence({ servers: [server], board, ...size }));
    },
    size.durationMs + 120_000,
  );
});

const problem = await servicesProblem();
const required = process.env.CI === 'true';

if (problem && !required) {
  console.warn(`[trust-convergence] two instances SKIPPED: ${problem}.`);
  describe.skip(`random editing converges on two instances (unreachable: ${problem})`, () => {
    it('needs PostgreSQL and Redis', () => {});
  });
} else {
  describe('random editing converges (issue 11, case 3) on two instances sharing PostgreSQL and Redis', () => {
    let instances: TwoInstances;

    beforeAll(async () => {
      if (problem) throw new Error(`unreachable (required when CI=true): ${problem}`);
      instances = await startTwoInstances();
    });

    afterAll(async () => {
      await instances?.stop();
    });

    it(
      `${size.editors} editors spread over both, one instance SIGKILLed: one document, nobody refused`,
      async () => {
        const board = await createBoard(instances.one.url, { title: 'Convergence on two', template: 'benchlearning', locale: 'en' });
        expectConverged(await runConvergence({ servers: [instances.one, instances.two], board, ...size }));
      },
      size.durationMs + 120_000,
    );
  });
}

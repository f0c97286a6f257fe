// The load generator: its own process, so its CPU is never the server's and vice versa.
// The orchestrator (bench/run.ts) sends one command at a time over IPC and gets one answer;
// phase events (the measured window starts or ends) go up unasked, so it can read the server's CPU.
import type { BenchClient, Endpoint } from './client';
import { loadBoards, openAndClose, RelayRun, runJoin, timeJoins, type JoinTask, type RelayLevel, type RelaySetup } from './workload';

export type WorkerCommand =
  | { kind: 'relay-open'; setup: RelaySetup }
  | { kind: 'relay-level'; level: RelayLevel; startAt: number }
  | { kind: 'relay-close' }
  | { kind: 'join'; task: JoinTask }
  | { kind: 'rejoin'; endpoint: Endpoint; want: { cards: number; links: number }; repeats: number }
  | { kind: 'open-close'; endpoints: Endpoint[]; cardsEach: number }
  | { kind: 'load-boards'; endpoints: Endpoint[]; cards: number }
  | { kind: 'close-all' };

/** Clients kept open between commands (seeders, loaded boards). */
const kept: BenchClient[] = [];
let relay: RelayRun | null = null;

async function handle(command: WorkerCommand): Promise<unknown> {
  switch (command.kind) {
    case 'relay-open':
      relay?.close();
      relay = new RelayRun(command.setup);
      await relay.open();
      return null;
    case 'relay-level':
      if (!relay) throw new Error('relay-level before relay-open');
      return relay.level(command.level, command.startAt, (phase) => process.send?.({ event: phase }));
    case 'relay-close':
      relay?.close();
      relay = null;
      return null;
    case 'join':
      return runJoin(command.task, kept);
    case 'rejoin':
      return timeJoins(command.endpoint, command.want, command.repeats);
    case 'open-close':
      return openAndClose(command.endpoints, command.cardsEach);
    case 'load-boards':
      return loadBoards(command.endpoints, command.cards, kept);
    case 'close-all':
      for (const client of kept.splice(0)) client.close();
      return null;
  }
}

process.on('message', (message: { id: number; command: WorkerCommand }) => {
  handle(message.command).then(
    (result) => process.send?.({ id: message.id, ok: true, result }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));

// `npx tsx bench/abuse/memory.ts` (from tests/): issue 12's bench row. The server's idle RSS
// after the abuse suite's attacks, 30 s after its last room closed, against the same server's
// idle RSS when fresh (target: within 20%). Not a test: it takes about a minute and a half.
import * as encoding from 'lib0/encoding';
import { syncUrlFor } from '../../../server/src/testing/testkit';
import { attack } from '../../abuse/attacker';
import { attackerHeaders, boardFile, importFile } from '../../abuse/support';
import { createBoard, type CreatedBoard } from '../../support/api';
import { syncStep1Message } from '../../support/raw';
import { ServerProcess } from '../../support/server';
import { sleep } from '../../support/sync';
import { rssMiB } from '../lib/proc';

const SETTLE_MS = 30_000;

function presenceFlood(first: number, count: number): Uint8Array {
  const state = JSON.stringify({ user: { name: 'Flood', color: '#ff0000' }, cursor: { x: 1, y: 2 } });
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, first + i);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, state);
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

async function roomsLoaded(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = /^benchlearn_rooms (\d+)/m.exec(text);
  return match ? Number(match[1]) : -1;
}

async function main(): Promise<void> {
  // Rooms unload 1 s after their last socket (30 s by default), so "30 s after the last room closed" comes sooner.
  const server = await ServerProcess.start({ TRUST_PROXY: 'true', ROOM_IDLE_MS: '1000' });
  try {
    const pid = server.pid!;
    await sleep(5_000);
    const fresh = rssMiB(pid);
    const socketUrl = (board: CreatedBoard, token = board.tokens.viewer) =>
      syncUrlFor({ syncUrl: `${server.url.replace(/^http/, 'ws')}/sync` }, board.id, token);

    // `-- only=import,presence,sockets` runs some of the attacks (to find what holds memory).
    const onlyArg = process.argv.find((arg) => arg.startsWith('only='));
    const only = new Set(onlyArg ? onlyArg.slice(5).split(',') : ['import', 'flood', 'presence', 'sockets']);
    const imported = await importFile(server.url, boardFile(only.has('import') || only.has('flood') ? 20_000 : 1));
    if (imported.status !== 201) throw new Error(`the 20,000-card import answered ${imported.status}`);
    const big = imported.body as CreatedBoard;
    const room = await createBoard(server.url, { title: 'Attacked room', template: 'blank' });
    const started = performance.now();
    if (only.has('flood'))
      await attack({
        url: socketUrl(big),
        headers: attackerHeaders,
        sockets: 6,
        messages: [syncStep1Message()],
        repeat: 4_000,
        perRound: 40,
        everyMs: 10,
        holdMs: 500,
        maxMs: 8_000,
      });
    if (only.has('presence'))
      await attack({
        url: socketUrl(room),
        headers: attackerHeaders,
        sockets: 1,
        messages: [presenceFlood(1_000_000, 200_000)],
        repeat: 1,
        holdMs: 300,
        maxMs: 10_000,
      });
    if (only.has('presence'))
      await attack({ url: socketUrl(room), headers: attackerHeaders, sockets: 1, messages: [new Uint8Array([3])], repeat: 200, holdMs: 300, maxMs: 10_000 });
    if (only.has('sockets'))
      await attack({
        url: socketUrl(room, 'not-the-token'),
        headers: attackerHeaders,
        sockets: 500,
        openPerRound: 50,
        openEveryMs: 40,
        holdMs: 500,
        maxMs: 15_000,
      });
    if (only.has('sockets'))
      await attack({ url: socketUrl(room), headers: attackerHeaders, sockets: 1_050, openPerRound: 50, openEveryMs: 50, holdMs: 500, maxMs: 20_000 });
    const peak = rssMiB(pid);
    const attackMs = performance.now() - started;

    const attacksEnded = performance.now();
    const deadline = attacksEnded + 60_000;
    while ((await roomsLoaded(server)) !== 0 && performance.now() < deadline) await sleep(250);
    const closedAfterMs = performance.now() - attacksEnded;
    await sleep(SETTLE_MS);
    const after = rssMiB(pid);
    const heap = (await (await fetch(`${server.url}/metrics`)).text())
      .split('\n')
      .filter((line) => /^(nodejs_heap_size_used_bytes|nodejs_heap_size_total_bytes|nodejs_external_memory_bytes|benchlearn_rooms) /.test(line))
      .map((line) => line.replace(/ (\d+(\.\d+)?(e\+\d+)?)$/, (_m, n: string) => ` ${(Number(n) / (n.length > 4 ? 2 ** 20 : 1)).toFixed(1)}`));
    const change = ((after - fresh) / fresh) * 100;
    console.log(
      [
        '| server | fresh idle RSS MiB | right after the attacks MiB | 30 s after the last room closed MiB | change | target |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        `| Benchlearn | ${fresh.toFixed(1)} | ${peak.toFixed(1)} | ${after.toFixed(1)} | ${change >= 0 ? '+' : ''}${change.toFixed(0)}% | within 20% ${Math.abs(change) <= 20 ? 'met' : 'NOT met'} |`,
        '',
        `attacks took ${(attackMs / 1000).toFixed(1)} s; the last room closed ${(closedAfterMs / 1000).toFixed(1)} s after them`,
        `then (MiB): ${heap.join('; ')}`,
      ].join('\n'),
    );
  } finally {
    await server.stop();
  }
}

await main();

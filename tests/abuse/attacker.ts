import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The attacker runs on a thread of its own: opening hundreds of sockets and masking megabytes
// (a client masks what it sends) must not stall the thread that measures the honest room.

export interface AttackPlan {
  /** The socket URL (ws://…), the same for every socket. */
  url: string;
  headers?: Record<string, string>;
  sockets: number;
  /** Sockets are opened in rounds: this many every `openEveryMs`. */
  openPerRound?: number;
  openEveryMs?: number;
  /** Socket i sends `messages[i % messages.length]`, `repeat` times, `perRound` every `everyMs`. */
  messages?: Uint8Array[];
  repeat?: number;
  perRound?: number;
  everyMs?: number;
  /** How long the sockets stay open after the last message (answers arrive), at most. */
  holdMs?: number;
  /**
   * false: each socket stops reading once open (after 500 ms, in which the server's immediate
   * closes arrive) and ends without the closing handshake. Many sockets that only sit on
   * a board stand for people on other machines: their reading would otherwise take this
   * machine's cores from the server under test. The server still writes every relay to each.
   */
  read?: boolean;
  /** The whole attack's bound. */
  maxMs: number;
}

export interface AttackResult {
  /** Per socket: messages sent, sync step 2 answers received, bytes received, close code (null: open at the end). */
  sent: number[];
  step2: number[];
  bytesReceived: number[];
  closeCodes: (number | null)[];
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const plan = workerData.plan;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
  const started = Date.now();
  const deadline = started + plan.maxMs;
  const n = plan.sockets;
  const sent = new Array(n).fill(0), step2 = new Array(n).fill(0), bytes = new Array(n).fill(0), codes = new Array(n).fill(null);
  const sockets = [];
  const opened = [];
  const perRound = plan.openPerRound ?? n;
  for (let i = 0; i < n && Date.now() < deadline; i++) {
    const ws = new WebSocket(plan.url, { headers: plan.headers ?? {} });
    ws.on('error', () => {});
    ws.on('message', (data) => {
      bytes[i] += data.length;
      if (data[0] === 0 && data[1] === 1) step2[i] += 1;
    });
    opened.push(new Promise((resolve) => {
      ws.once('open', resolve);
      ws.once('close', (code) => { codes[i] = code; resolve(); });
    }));
    sockets.push(ws);
    if ((i + 1) % perRound === 0) await sleep(plan.openEveryMs ?? 0);
  }
  await Promise.race([Promise.all(opened), sleep(Math.max(0, deadline - Date.now()))]);
  if (plan.read === false) {
    // Closes the server sent at once (1013 past the address's limit) are read first.
    await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.pause();
  }
  const messages = plan.messages ?? [];
  if (messages.length > 0) {
    const repeat = plan.repeat ?? 1, round = plan.perRound ?? repeat;
    for (let done = 0; done < repeat && Date.now() < deadline; done += round) {
      sockets.forEach((ws, i) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        for (let k = 0; k < round && done + k < repeat; k++) { ws.send(messages[i % messages.length]); sent[i] += 1; }
      });
      await sleep(plan.everyMs ?? 0);
    }
  }
  await sleep(Math.min(plan.holdMs ?? 0, Math.max(0, deadline - Date.now())));
  const result = { sent, step2, bytesReceived: bytes, closeCodes: codes.slice() };
  // A socket that does not read ends without the closing handshake (it would read everything first).
  const closed = sockets.map((ws, i) => codes[i] !== null ? Promise.resolve() : new Promise((resolve) => {
    ws.once('close', resolve);
    if (ws.isPaused) ws.terminate(); else ws.close();
    setTimeout(resolve, 2000);
  }));
  await Promise.all(closed);
  parentPort.postMessage(result);
})().catch((error) => { throw error; });
`;

/** Runs `plan` on a worker thread; resolves with what each socket saw. */
export function attack(plan: AttackPlan): Promise<AttackResult> {
  const wsPath = createRequire(import.meta.url).resolve('ws');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { plan, wsPath } });
    let result: AttackResult | null = null;
    worker.once('message', (message: AttackResult) => {
      result = message;
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', () => (result ? resolve(result) : reject(new Error('the attacker thread ended without a result'))));
  });
}

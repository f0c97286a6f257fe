// SQLite's checkpoint worker (see checkpointer.ts), with a connection of its own. PASSIVE never
// blocks the server's writes. A failure is posted back as its message; the next one catches up.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { threadData } from '../workers/thread';

const port = parentPort;
if (!port) throw new Error('the checkpoint worker runs on a worker thread');
const db = new Database(threadData<{ file: string }>().file);
db.pragma('busy_timeout = 5000');
port.on('message', (message: unknown) => {
  if (message === 'checkpoint') {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      port.postMessage(error instanceof Error ? error.message : String(error));
    }
  } else if (message === 'close') {
    db.close();
    port.close();
  }
});

import { rmSync } from 'node:fs';
import { newBoardDocs, newId } from '@benchlearn/shared';
import { createLogger } from '../logging';
import { createMetrics } from '../metrics';
import { encodeBoard, RoomManager, type LoadedBoard, type RoomSettings } from '../rooms';
import { SqliteStorage } from '../storage';
import { tempDataDir } from './testkit';

/** A new board on real SQLite storage, loaded and held by a room manager of its own (no HTTP, no sockets). */
export interface HeldBoard {
  storage: SqliteStorage;
  rooms: RoomManager;
  board: LoadedBoard;
  /** Releases the board, shuts the manager down and removes the data. */
  close(): Promise<void>;
}

export async function holdNewBoard(title: string, settings: RoomSettings): Promise<HeldBoard> {
  const dataDir = tempDataDir();
  const storage = new SqliteStorage(dataDir);
  const rooms = new RoomManager({ storage, metrics: createMetrics(), log: createLogger('silent'), idleMs: 60_000, settings });
  const boardId = newId();
  await storage.createBoard(boardId, { facilitator: 'f', editor: 'e', viewer: 'v' }, encodeBoard(newBoardDocs()), { title, createdAt: 1 });
  const board = (await rooms.hold(boardId))!;
  return {
    storage,
    rooms,
    board,
    close: async () => {
      rooms.release(board);
      await rooms.shutdown();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

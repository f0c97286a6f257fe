import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { destroyBoardDocs, exportBoard, restoreBoard, type BoardExport } from '@benchlearn/shared';
import type { RoomManager } from '../rooms';
import { autoSnapshotName, snapshotBoard, takeSnapshot, type SnapshotSettings } from '../snapshots/snapshots';
import type { SnapshotInfo, Storage, StoredSnapshot } from '../storage/types';
import { accessHook, accessOf, readBoardDoc } from './access';
import { HttpError } from './errors';
import { BoardParams, Counts } from './schemas';

export const SnapshotView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.Number(),
  auto: Type.Boolean(),
  counts: Counts,
});

const SnapshotParams = Type.Object({ id: BoardParams.properties.id, snapshotId: Type.String({ maxLength: 64 }) });

/** A person's name for a snapshot; trimmed, at least one visible character. */
const CreateSnapshotBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) }, { additionalProperties: false });

export interface SnapshotRoutesOptions {
  storage: Storage;
  rooms: RoomManager;
  settings: SnapshotSettings;
}

/**
 * The board as the snapshot holds it, as a JSON export dated when the snapshot was taken (a
 * snapshot stored by v1 is split into the two documents first, see snapshotBoard).
 */
function snapshotExport(snapshot: StoredSnapshot): BoardExport {
  const board = snapshotBoard(snapshot);
  try {
    return exportBoard(board, snapshot.createdAt);
  } finally {
    destroyBoardDocs(board);
  }
}

/**
 * Snapshots and history (facilitator): list, take one by name, read one as a JSON export (the
 * history panel's preview), and restore one as a new change for everyone.
 */
export const snapshotRoutes: FastifyPluginAsyncTypebox<SnapshotRoutesOptions> = async (app, { storage, rooms, settings }) => {
  const access = accessHook(storage);

  async function findSnapshot(boardId: string, snapshotId: string): Promise<StoredSnapshot> {
    const snapshot = await storage.getSnapshot(boardId, snapshotId);
    if (!snapshot) throw new HttpError(404, 'not_found', 'No snapshot with this id on this board.');
    return snapshot;
  }

  app.get(
    '/api/boards/:id/snapshots',
    { preHandler: access('facilitator'), schema: { params: BoardParams, response: { 200: Type.Object({ snapshots: Type.Array(SnapshotView) }) } } },
    async (request) => {
      const { board } = accessOf(request);
      return { snapshots: await storage.listSnapshots(board.id) };
    },
  );

  app.post(
    '/api/boards/:id/snapshots',
    { preHandler: access('facilitator'), schema: { params: BoardParams, body: CreateSnapshotBody, response: { 201: SnapshotView } } },
    async (request, reply) => {
      const { board } = accessOf(request);
      const name = request.body.name.trim();
      // The document as everyone sees it now: the room's when the board is open, else the stored one.
      const info = await readBoardDoc(rooms, storage, board.id, (doc) =>
        takeSnapshot(storage, board.id, doc, { name, auto: false, keepAuto: settings.keepAuto }),
      );
      request.log.info({ boardId: board.id, snapshotId: info.id }, 'snapshot taken');
      return reply.code(201).send(info);
    },
  );

  app.get('/api/boards/:id/snapshots/:snapshotId', { preHandler: access('facilitator'), schema: { params: SnapshotParams } }, async (request, reply) => {
    const { board } = accessOf(request);
    const snapshot = await findSnapshot(board.id, request.params.snapshotId);
    return reply.header('cache-control', 'no-store').send(snapshotExport(snapshot));
  });

  app.post(
    '/api/boards/:id/snapshots/:snapshotId/restore',
    {
      preHandler: access('facilitator'),
      schema: {
        params: SnapshotParams,
        response: { 200: Type.Object({ restored: SnapshotView, undo: SnapshotView }) },
      },
    },
    async (request) => {
      const { board } = accessOf(request);
      const snapshot = await findSnapshot(board.id, request.params.snapshotId);
      const target = snapshotExport(snapshot);
      const taken: { undo?: SnapshotInfo } = {};
      // It replaces the board (LoadedBoard.restore): it works on a full board too.
      const result = await rooms.use(board.id, (loaded) =>
        loaded.restore(
          (docs) => restoreBoard(docs, { title: target.board.title, cards: target.cards, links: target.links, frames: target.frames }),
          // First the board as it is now, so that this restore can be undone by restoring that.
          async (docs) => {
            const undo = await takeSnapshot(storage, board.id, docs, {
              name: autoSnapshotName(docs, { beforeRestoring: snapshot.name }),
              auto: true,
              keepAuto: settings.keepAuto,
            });
            loaded.autoSnapshots?.taken(undo.createdAt);
            taken.undo = undo;
          },
        ),
      );
      if (!result || result.value === 'gone') throw new HttpError(404, 'not_found', 'No board with this id.');
      if (result.value === 'too-large') throw new HttpError(413, 'board_full', 'The board is full; this snapshot cannot be restored.');
      if (result.value === 'invalid') throw new Error('a restore produced an update that does not apply');
      if (board.title !== target.board.title) await storage.updateBoard(board.id, { title: target.board.title });
      request.log.info({ boardId: board.id, snapshotId: snapshot.id }, 'snapshot restored');
      const { data: _data, control: _control, ...restored } = snapshot;
      if (!taken.undo) throw new Error('the snapshot before the restore is missing');
      return { restored, undo: taken.undo };
    },
  );
};

import { Type, type Static } from '@sinclair/typebox';
import { requestJson, type Fetch } from '../platform/api';

const Counts = Type.Object({ success: Type.Number(), problem: Type.Number(), lesson: Type.Number(), note: Type.Number(), links: Type.Number() });

/** One entry of GET /api/boards/:id/snapshots (docs/api.md). */
export const Snapshot = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  createdAt: Type.Number(),
  auto: Type.Boolean(),
  counts: Counts,
});
export type Snapshot = Static<typeof Snapshot>;

const SnapshotList = Type.Object({ snapshots: Type.Array(Snapshot) });
const Restored = Type.Object({ restored: Snapshot, undo: Snapshot });
export type Restored = Static<typeof Restored>;

function base(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/snapshots`;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Named and automatic snapshots, newest first (the server's order). */
export async function listSnapshots(boardId: string, token: string, fetchImpl: Fetch = fetch): Promise<Snapshot[]> {
  return (await requestJson(fetchImpl, SnapshotList, base(boardId), { headers: bearer(token) })).snapshots;
}

export function takeSnapshot(boardId: string, token: string, name: string, fetchImpl: Fetch = fetch): Promise<Snapshot> {
  return requestJson(fetchImpl, Snapshot, base(boardId), {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
}

/** The snapshot as a JSON export (validated by the caller with shared's validateBoardExport). */
export function snapshotExport(boardId: string, token: string, snapshotId: string, fetchImpl: Fetch = fetch): Promise<unknown> {
  return requestJson(fetchImpl, Type.Unknown(), `${base(boardId)}/${encodeURIComponent(snapshotId)}`, { headers: bearer(token) });
}

/** Restores for everyone; `undo` is the snapshot taken just before, which undoes it. */
export function restoreSnapshot(boardId: string, token: string, snapshotId: string, fetchImpl: Fetch = fetch): Promise<Restored> {
  return requestJson(fetchImpl, Restored, `${base(boardId)}/${encodeURIComponent(snapshotId)}/restore`, { method: 'POST', headers: bearer(token) });
}

import { Type } from '@sinclair/typebox';
import { requestJson, type Fetch } from '../platform/api';

const SnapshotTaken = Type.Object({ id: Type.String(), name: Type.String() });

/**
 * A named snapshot at the end of an agenda phase, taken from the facilitator's browser: the
 * server relays and stores but does not read the session map (architecture), and the
 * facilitator's click is the moment the phase ends; the existing facilitator API does the rest.
 */
export async function snapshotPhase(boardId: string, token: string, name: string, fetchImpl: Fetch = fetch): Promise<void> {
  await requestJson(fetchImpl, SnapshotTaken, `/api/boards/${encodeURIComponent(boardId)}/snapshots`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: name.slice(0, 100) }),
  });
}

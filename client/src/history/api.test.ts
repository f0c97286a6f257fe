import { describe, expect, it } from 'vitest';
import { listSnapshots, restoreSnapshot, snapshotExport, takeSnapshot } from './api';
import { recorder } from '../platform/testFetch';

// The history panel's HTTP client (docs/api.md, "Snapshots"): which path, method and token, and
// that answers outside the contract are refused. A stand-in fetch records each request.

const snapshot = (id: string, auto = false) => ({
  id,
  name: auto ? '' : 'Before voting',
  createdAt: 1000,
  auto,
  counts: { success: 1, problem: 2, lesson: 3, note: 0, links: 4 },
});

describe('snapshots over HTTP', () => {
  it('lists the snapshots in the server’s order (newest first) with the bearer token', async () => {
    const { calls, fetchImpl } = recorder(200, { snapshots: [snapshot('s2'), snapshot('s1', true)] });
    const list = await listSnapshots('b 1', 'fac', fetchImpl);
    expect(list.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(calls[0]).toEqual({ url: '/api/boards/b%201/snapshots', method: 'GET', authorization: 'Bearer fac', body: null });
  });

  it('refuses a list whose entries miss their counts', async () => {
    const { fetchImpl } = recorder(200, { snapshots: [{ ...snapshot('s1'), counts: undefined }] });
    await expect(listSnapshots('b1', 'fac', fetchImpl)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('takes a named snapshot', async () => {
    const { calls, fetchImpl } = recorder(201, snapshot('s3'));
    await expect(takeSnapshot('b1', 'fac', 'Before voting', fetchImpl)).resolves.toMatchObject({ id: 's3', name: 'Before voting' });
    expect(calls[0]).toEqual({ url: '/api/boards/b1/snapshots', method: 'POST', authorization: 'Bearer fac', body: { name: 'Before voting' } });
  });

  it('reads a snapshot as an export, left for the caller to validate', async () => {
    const exported = { format: 'benchlearn-board', version: 1, anything: ['kept'] };
    const { calls, fetchImpl } = recorder(200, exported);
    await expect(snapshotExport('b1', 'fac', 's/1', fetchImpl)).resolves.toEqual(exported);
    expect(calls[0]!.url).toBe('/api/boards/b1/snapshots/s%2F1');
  });

  it('restores for everyone and gets the snapshot that undoes it', async () => {
    const { calls, fetchImpl } = recorder(200, { restored: snapshot('s1'), undo: snapshot('s9', true) });
    const result = await restoreSnapshot('b1', 'fac', 's1', fetchImpl);
    expect(result.undo.id).toBe('s9');
    expect(calls[0]).toMatchObject({ url: '/api/boards/b1/snapshots/s1/restore', method: 'POST', authorization: 'Bearer fac' });
  });

  it('a restore answer without its undo snapshot is refused', async () => {
    const { fetchImpl } = recorder(200, { restored: snapshot('s1') });
    await expect(restoreSnapshot('b1', 'fac', 's1', fetchImpl)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('an editor’s token is refused by the server: the error carries the status', async () => {
    const { fetchImpl } = recorder(403, { error: { code: 'forbidden', message: 'facilitators only' } });
    await expect(takeSnapshot('b1', 'editor', 'x', fetchImpl)).rejects.toMatchObject({ kind: 'http', status: 403, serverMessage: 'facilitators only' });
  });
});

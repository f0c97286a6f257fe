import { describe, expect, it } from 'vitest';
import { compactionDue } from './compaction';

describe('compactionDue', () => {
  it('waits for COMPACT_EVERY rows', () => {
    expect(compactionDue({ rows: 499, rowBytes: 1_000_000, snapshotBytes: 10 }, 500)).toBe(false);
    expect(compactionDue({ rows: 500, rowBytes: 1_000_000, snapshotBytes: 10 }, 500)).toBe(true);
  });

  it('waits until the rows hold as many bytes as the snapshot, so a big board is not re-encoded for a few small moves', () => {
    // 500 moves of ~100 bytes against a 1.8 MB board: not yet.
    expect(compactionDue({ rows: 500, rowBytes: 50_000, snapshotBytes: 1_800_000 }, 500)).toBe(false);
    expect(compactionDue({ rows: 18_000, rowBytes: 1_799_999, snapshotBytes: 1_800_000 }, 500)).toBe(false);
    expect(compactionDue({ rows: 18_000, rowBytes: 1_800_000, snapshotBytes: 1_800_000 }, 500)).toBe(true);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStorage } from './sqlite';
import { storageSuite } from './storageSuite';

const dir = mkdtempSync(join(tmpdir(), 'benchlearn-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = async () => new SqliteStorage(join(dir, 'nested', 'data'));
storageSuite('sqlite', open, open);

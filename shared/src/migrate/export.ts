/**
 * The JSON exchange format's version (the `schema` of a board file). It is not the document's
 * `meta.schema`: the document became two documents in version 2, but a board file keeps its
 * shape (`cards`, `links`, `frames`), so its version stays 1 and older Benchlearns import it.
 */
export const EXPORT_SCHEMA_VERSION = 1;

/** A board file as parsed JSON, before it is validated against the current schema. */
export type ExportData = Record<string, unknown>;

/**
 * Export migrations: from schema `n` to `n + 1`, keyed by `n`. A change of the document model
 * (which bumps `meta.schema` and ships a document migration) also ships one here, so a board
 * file saved by an older version still imports. Version 1 is the first; none yet.
 */
export const EXPORT_MIGRATIONS: Readonly<Record<number, (data: ExportData) => ExportData>> = {};

export class ExportSchemaError extends Error {
  constructor(
    readonly schema: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Brings a parsed board file up to `current`, step by step. Throws an ExportSchemaError for a
 * version newer than `current`, or one without a migration path. The steps are pure: they
 * return new data and never touch a board.
 */
export function migrateExport(
  data: ExportData,
  migrations: Readonly<Record<number, (data: ExportData) => ExportData>> = EXPORT_MIGRATIONS,
  current: number = EXPORT_SCHEMA_VERSION,
): ExportData {
  const from = data.schema;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    throw new ExportSchemaError(NaN, "schema: must be a whole number (the file's format version)");
  }
  if (from > current) {
    throw new ExportSchemaError(
      from,
      `schema: version ${from} is newer than this version of Benchlearn understands (${current}); update Benchlearn to import it`,
    );
  }
  let result = data;
  for (let version = from; version < current; version++) {
    const step = migrations[version];
    if (!step) throw new ExportSchemaError(from, `schema: version ${from} is not supported (no migration from version ${version})`);
    result = { ...step(result), schema: version + 1 };
  }
  return result;
}

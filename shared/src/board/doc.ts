import * as Y from 'yjs';

/** The current document schema (contract §1: `meta.schema`). */
export const SCHEMA_VERSION = 1;

export type CardMap = Y.Map<unknown>;
export type LinkMap = Y.Map<unknown>;
export type FrameMap = Y.Map<unknown>;

/** The four top-level shared types of a board document, by their contract names. */
export function boardMaps(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    cards: doc.getMap<CardMap>('cards'),
    links: doc.getMap<LinkMap>('links'),
    frames: doc.getMap<FrameMap>('frames'),
  };
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

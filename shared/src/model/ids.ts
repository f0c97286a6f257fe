import { nanoid } from 'nanoid';

/** Card, link author, frame and board ids: 21 characters of [A-Za-z0-9_-] (nanoid's alphabet). */
export const ID_PATTERN = '^[A-Za-z0-9_-]{21}$';
const idRegExp = new RegExp(ID_PATTERN);

export function newId(): string {
  return nanoid();
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && idRegExp.test(value);
}

/** A link's key in `links`: one link per pair, whoever makes it. */
export function linkId(from: string, to: string): string {
  return `${from}>${to}`;
}

/** Limits shared by the client and the server (contract §1, §2, §3). */
export const MIB = 1024 * 1024;
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * MIB;
export const DEFAULT_MAX_BOARD_BYTES = 32 * MIB;
export const MAX_CARD_TEXT = 2000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_PRESENCE_BYTES = 4 * 1024;
export const MAX_PRESENCE_PER_SECOND = 30;
/** Clients send presence at most about 20 times a second. */
export const PRESENCE_INTERVAL_MS = 50;
/** Organisations named at creation of a by-organisation board (a column each). */
export const MAX_ORGANISATIONS = 12;
export const MAX_ORGANISATION_LENGTH = 60;
/**
 * Bytes of pending content a board's document may hold: structs (and deletions) that arrived
 * before what they build on, which Yjs keeps aside until the rest arrives. An honest client
 * never sends such content (everything it has came through the server, or it made it), so the
 * cap only stops updates whose earlier part never comes (issue 11, case 5).
 */
export const MAX_PENDING_BYTES = 1 * MIB;

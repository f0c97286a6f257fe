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

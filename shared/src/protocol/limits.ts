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
/**
 * Presence client ids one sync connection may speak for. The web app sends one (its content
 * document's) per content socket, and a reconnect opens a new socket, so one is enough.
 */
export const MAX_PRESENCE_IDS_PER_CONNECTION = 1;
/** Presence states one board holds at most, the server's own included (a 200-person workshop fits). */
export const MAX_PRESENCE_PER_ROOM = 300;
/**
 * Bytes of one presence message. A client's own state is at most MAX_PRESENCE_BYTES; what a
 * stock client echoes back of a full room's presence may be more, and is of no use to the
 * server: a longer presence message is dropped unread (the socket stays open).
 */
export const MAX_PRESENCE_MESSAGE_BYTES = 64 * 1024;
/**
 * Requests for state (sync step 1, presence query) one connection may make: a burst of
 * SYNC_REQUEST_BURST, then SYNC_REQUESTS_PER_SECOND. A stock client sends one step 1 when it
 * connects and one per `resyncInterval`; what is over the budget is dropped.
 */
export const SYNC_REQUEST_BURST = 4;
export const SYNC_REQUESTS_PER_SECOND = 2;
/**
 * Concurrent sync sockets from one client address (MAX_SOCKETS_PER_ADDRESS). A workshop of 200
 * behind one NAT opens 400 (two per person); past the limit a socket closes with 1013.
 */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 1000;
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

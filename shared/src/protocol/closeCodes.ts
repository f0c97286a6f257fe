/** WebSocket close codes of the sync endpoint (contract §3). */
export const CloseCode = {
  /** A message over MAX_MESSAGE_BYTES (the standard "message too big"). */
  MessageTooBig: 1009,
  /** A message that cannot be decoded or applied, or a text frame. */
  BadMessage: 4400,
  /** Missing or wrong token. */
  Unauthorized: 4401,
  /** A browser Origin that is not allowed. */
  ForbiddenOrigin: 4403,
  /** Unknown or deleted board. */
  BoardNotFound: 4404,
  /** The update would grow the board past MAX_BOARD_BYTES. */
  BoardFull: 4413,
  /** Too many failed look-ups (unknown board, missing or wrong token) from this address: wait, then retry. */
  TooManyRequests: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Close codes after which reconnecting cannot help: the client must stop and tell the user.
 * (A server restart closes with 1001/1006, which do heal.)
 */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.MessageTooBig,
  CloseCode.BadMessage,
  CloseCode.Unauthorized,
  CloseCode.ForbiddenOrigin,
  CloseCode.BoardNotFound,
  CloseCode.BoardFull,
]);

import { CloseCode, FINAL_CLOSE_CODES } from '@benchlearn/shared';

/** Whether reconnecting after this close code cannot help (contract §3: stop and say why). */
export function isFinalCloseCode(code: number): boolean {
  return FINAL_CLOSE_CODES.has(code);
}

/**
 * The provider's reconnect decision. y-websocket's default stops on 4400-4499 only, which
 * would retry 1009 (message too big) forever, resending the same too-large update.
 */
export function shouldReconnect(event: { code: number }): boolean {
  return !isFinalCloseCode(event.code);
}

/**
 * The server refused something this browser sent: too large (1009), the board is full (4413),
 * unreadable (4400). What the person wrote is kept (sync/connection.ts) and offered as a file.
 */
export const REFUSAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.MessageTooBig, CloseCode.BoardFull, CloseCode.BadMessage]);

export function isRefusal(code: number): boolean {
  return REFUSAL_CLOSE_CODES.has(code);
}

export type BoardErrorKey =
  | 'boardError.noAccess'
  | 'boardError.forbiddenOrigin'
  | 'boardError.deleted'
  | 'boardError.full'
  | 'boardError.tooLarge'
  | 'boardError.badMessage'
  | 'boardError.other';

/** The words (app namespace) for a close code the app will not retry. */
export function closeCodeMessageKey(code: number): BoardErrorKey {
  switch (code) {
    case CloseCode.Unauthorized:
      return 'boardError.noAccess';
    case CloseCode.ForbiddenOrigin:
      return 'boardError.forbiddenOrigin';
    case CloseCode.BoardNotFound:
      return 'boardError.deleted';
    case CloseCode.BoardFull:
      return 'boardError.full';
    case CloseCode.MessageTooBig:
      return 'boardError.tooLarge';
    case CloseCode.BadMessage:
      return 'boardError.badMessage';
    default:
      return 'boardError.other';
  }
}

/**
 * The HTTP API answers the same refusals before a socket is opened; the page shows them as the
 * close code the socket would have given, so the user sees one message for one cause.
 */
export function closeCodeForHttpStatus(status: number): number | null {
  if (status === 401) return CloseCode.Unauthorized;
  if (status === 403) return CloseCode.ForbiddenOrigin;
  if (status === 404) return CloseCode.BoardNotFound;
  return null;
}

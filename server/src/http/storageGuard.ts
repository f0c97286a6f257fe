import pg from 'pg';
import { BoardNotFoundError, type Storage } from '../storage/types';

/** Storage could not do what was asked (disk full, read-only, database gone): answered 503. */
export class StorageUnavailableError extends Error {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`storage failed in ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Whether an error came from the database rather than from the request or the server's code. */
export function isStorageFailure(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  // Errors that reach a route through the rooms (loading a board) are not wrapped: judge by kind.
  if (error instanceof pg.DatabaseError) return true;
  return error instanceof Error && error.name === 'SqliteError';
}

/**
 * The storage as the HTTP routes see it: any failure of a storage call becomes a
 * StorageUnavailableError (answered 503 storage_unavailable), except the "no such board" the
 * routes handle themselves.
 */
export function guardStorage(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close' || property === 'constructor') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const fail = (error: unknown): never => {
          if (error instanceof BoardNotFoundError) throw error;
          throw new StorageUnavailableError(String(property), error);
        };
        let result: unknown;
        try {
          result = method.apply(target, args);
        } catch (error) {
          fail(error);
        }
        return result instanceof Promise ? result.catch(fail) : result;
      };
    },
  });
}

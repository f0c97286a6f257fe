import type { NetworkStorage } from '../storage/networks';
import { StorageUnavailableError } from './storageGuard';

/**
 * The network storage as the routes see it: any failure becomes a StorageUnavailableError
 * (503 storage_unavailable), as guardStorage does for the board verbs, which do not reach into
 * `storage.networks`.
 */
export function guardNetworks(networks: NetworkStorage): NetworkStorage {
  return new Proxy(networks, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'constructor') return value;
      const method = value as (...args: unknown[]) => unknown;
      return async (...args: unknown[]) => {
        try {
          return await method.apply(target, args);
        } catch (error) {
          throw new StorageUnavailableError(`networks.${String(property)}`, error);
        }
      };
    },
  });
}

import { useCallback, useEffect, useState } from 'react';
import type { Identity } from '../editor/types';
import { IDENTITY_KEY, loadIdentity, saveIdentity } from '../platform/identity';
import { browserStore } from '../platform/storage';

/** This browser's identity; follows edits made in another tab. */
export function useIdentity(): [Identity | null, (input: { name: string; color: string }) => Identity] {
  const [identity, setIdentity] = useState<Identity | null>(() => loadIdentity(browserStore('local')));

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === IDENTITY_KEY) setIdentity(loadIdentity(browserStore('local')));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const save = useCallback(
    (input: { name: string; color: string }) => {
      const saved = saveIdentity(browserStore('local'), input, identity);
      setIdentity(saved);
      return saved;
    },
    [identity],
  );
  return [identity, save];
}

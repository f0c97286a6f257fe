import { useSyncExternalStore } from 'react';

/** Phones and narrow windows get the phone layout (outline as a sheet, a form to add cards). */
export const NARROW_QUERY = '(max-width: 700px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
}

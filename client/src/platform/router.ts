import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'start' }
  | { name: 'board'; boardId: string }
  | { name: 'present'; boardId: string }
  | { name: 'network'; networkId: string }
  | { name: 'not-found' };

function decodeSegment(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment);
    return value && !value.includes('/') ? value : null;
  } catch {
    return null;
  }
}

/** The app's routes (contract §5); the builders live in shared (boardPath, presentPath). */
export function parseRoute(pathname: string): Route {
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length === 0) return { name: 'start' };
  if (segments[0] === 'n') {
    const networkId = segments.length === 2 && segments[1] !== undefined ? decodeSegment(segments[1]) : null;
    return networkId ? { name: 'network', networkId } : { name: 'not-found' };
  }
  if (segments[0] !== 'b' || segments.length > 3) return { name: 'not-found' };
  const boardId = segments[1] === undefined ? null : decodeSegment(segments[1]);
  if (!boardId) return { name: 'not-found' };
  if (segments.length === 2) return { name: 'board', boardId };
  return segments[2] === 'present' ? { name: 'present', boardId } : { name: 'not-found' };
}

// pushState fires no event, so navigate() tells the subscribers itself.
const NAVIGATE_EVENT = 'benchlearn:navigate';

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const getLocation = () => window.location.pathname + window.location.hash;

/** The current route; re-renders on back/forward and on navigate(). */
export function useRoute(): { route: Route; hash: string } {
  const location = useSyncExternalStore(subscribe, getLocation);
  const hashStart = location.indexOf('#');
  const pathname = hashStart === -1 ? location : location.slice(0, hashStart);
  return { route: parseRoute(pathname), hash: hashStart === -1 ? '' : location.slice(hashStart) };
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import { readSession, sessionMap, type Session, type BoardDocs } from '@benchlearn/shared';
import { serverClock } from './clock';

/** The workshop's session (round, timer, agenda, anonymity), live. */
export function useSession(board: BoardDocs): Session {
  const [session, setSession] = useState(() => readSession(board));
  useEffect(() => {
    const map = sessionMap(board);
    const update = () => setSession(readSession(board));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [board]);
  return session;
}

/** Measures the server clock once per page (and again when the tab comes back). */
export function useServerClock(): void {
  useEffect(() => {
    void serverClock.measure();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void serverClock.measure();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
}

/** The server time, refreshed every `intervalMs` while `running`. */
export function useNow(running: boolean, intervalMs = 250): number {
  const subscribe = (listener: () => void) => {
    if (!running) return () => undefined;
    const id = setInterval(listener, intervalMs);
    return () => clearInterval(id);
  };
  // Rounded to the interval so React sees a stable value between ticks.
  const get = () => Math.floor(serverClock.now() / intervalMs) * intervalMs;
  return useSyncExternalStore(subscribe, get, get);
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { boardMaps, readCards, readSession, sessionMap, type Card, type Session } from '@benchlearn/shared';
import { serverClock } from './clock';

/** The workshop's session (round, timer, agenda, anonymity), live. */
export function useSession(doc: Y.Doc): Session {
  const [session, setSession] = useState(() => readSession(doc));
  useEffect(() => {
    const map = sessionMap(doc);
    const update = () => setSession(readSession(doc));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return session;
}

/**
 * Every card, re-read at most about once a frame (a timer, so a hidden tab stays current):
 * what votes and the finder are computed from.
 */
export function useBoardCards(doc: Y.Doc): readonly Card[] {
  const [cards, setCards] = useState(() => readCards(doc));
  useEffect(() => {
    const map = boardMaps(doc).cards;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setCards(readCards(doc));
      }, 16);
    };
    setCards(readCards(doc));
    map.observeDeep(schedule);
    return () => {
      map.unobserveDeep(schedule);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc]);
  return cards;
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

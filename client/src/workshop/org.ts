import type { KeyValueStore } from '../platform/storage';

const ORG_KEY = 'benchlearn:organisation';

/** The organisation this person last gave a card: new cards from this browser carry it. */
export function rememberedOrg(store: KeyValueStore): string {
  return (store.getItem(ORG_KEY) ?? '').slice(0, 200);
}

export function rememberOrg(store: KeyValueStore, org: string): void {
  try {
    if (org.trim()) store.setItem(ORG_KEY, org.trim().slice(0, 200));
    else store.removeItem(ORG_KEY);
  } catch {
    // Not remembered; the card still has it.
  }
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { announcerOf, type Announcement } from '../editor/announcements';
import { useEditor } from '../editor/react';
import { browserStore } from '../platform/storage';

/** Where the mute choice is remembered (this browser only). */
export const MUTE_STORAGE_KEY = 'benchlearn:announcements';

/** One announcement in the reader's language. */
export function announcementText(t: TFunction<'app'>, item: Announcement): string {
  switch (item.type) {
    case 'card-added': {
      const kind = t(`announce.kinds.${item.kind}`);
      const name = item.by || t('outline.unknownAuthor');
      return item.text ? t('announce.cardAdded', { name, kind, text: item.text }) : t('announce.cardAddedEmpty', { name, kind });
    }
    case 'cards-added':
      return t('announce.cardsAdded', { count: item.count });
    case 'cards-deleted':
      return t('announce.cardsDeleted', { count: item.count });
    case 'linked': {
      const words = { from: item.from || t('outline.emptyText'), to: item.to || t('outline.emptyText') };
      return item.mine ? t('announce.linkedMine', words) : t('announce.linkedOther', words);
    }
    case 'links-made':
      return t('announce.linksMade', { count: item.count });
    case 'voted':
      return t(item.delta > 0 ? 'announce.votedAdd' : 'announce.votedRemove', { text: item.text || t('outline.emptyText') });
    case 'voting':
      return t(item.state === 'started' ? 'announce.votingStarted' : item.state === 'revealed' ? 'announce.votingRevealed' : 'announce.votingEnded');
    case 'locked':
      return t(item.locked ? 'announce.locked' : 'announce.unlocked');
    case 'timer-done':
      return t('announce.timerDone');
    case 'moved-to-frame':
      return t('announce.movedToFrame', { title: item.title });
    case 'unlinked':
      return t('announce.unlinkedMine', { from: item.from || t('outline.emptyText'), to: item.to || t('outline.emptyText') });
    case 'card-focused':
      return t('announce.cardFocused', {
        kind: t(`outline.kinds.${item.kind}`),
        index: item.index,
        count: item.count,
        text: item.text || t('outline.emptyText'),
      });
  }
}

/**
 * A polite live region that says what happens on the board (others' cards and links, one's
 * own links and dots, voting, the lock, the timer), summarised by the editor's announcer, and
 * a button, shown when focused like the skip link, to mute it (remembered in this browser).
 * It listens once the board has synced (`synced`).
 */
export function LiveRegion({ synced }: { synced: boolean }) {
  const editor = useEditor();
  const { t } = useTranslation();
  const [muted, setMuted] = useState(() => browserStore('local').getItem(MUTE_STORAGE_KEY) === 'off');
  const [message, setMessage] = useState<{ text: string; key: number } | null>(null);

  useEffect(() => {
    // What the first sync brings was there before: the announcer starts from the synced board.
    if (!synced) return;
    const announcer = announcerOf(editor);
    // Muted: others' activity is not said; where the keyboard went still is.
    const stop = announcer.subscribe((batch) => {
      const said = muted ? batch.filter((item) => item.type === 'card-focused' || item.type === 'moved-to-frame' || item.type === 'unlinked') : batch;
      if (said.length > 0) setMessage({ text: said.map((item) => announcementText(t, item)).join('. '), key: Date.now() });
    });
    announcer.start();
    return () => {
      stop();
      announcer.stop();
    };
  }, [editor, muted, t, synced]);

  const toggle = () => {
    const next = !muted;
    browserStore('local').setItem(MUTE_STORAGE_KEY, next ? 'off' : 'on');
    setMessage(null);
    setMuted(next);
  };

  return (
    <>
      <button type="button" className="skip-link live-region-mute" data-testid="announcements-toggle" data-muted={muted} onClick={toggle}>
        {muted ? t('announce.unmute') : t('announce.mute')}
      </button>
      <div className="visually-hidden" role="status" aria-live="polite" aria-label={t('announce.region')} data-testid="live-region">
        {/* A new node per message, so a repeated sentence is said again. */}
        {message ? <p key={message.key}>{message.text}</p> : null}
      </div>
    </>
  );
}

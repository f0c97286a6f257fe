import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { libraryDrafts, readSession } from '@benchlearn/shared';
import { useCards, useEditor } from '../editor/react';
import { publishLessons, type BoardNetwork } from '../platform/library';
import { useErrorText } from './useErrorText';

/** Tags as typed: split at commas, trimmed, lower-cased, each once (the server does the same). */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim().toLowerCase().slice(0, 40))
        .filter((tag) => tag.length > 0),
    ),
  ].slice(0, 10);
}

type Outcome = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; count: number } | { phase: 'failed'; error: unknown };

/**
 * "Publish to the network" (the facilitator): a preview of exactly what becomes visible (the
 * same drafts the server makes: linked lessons with their evidence, names only when the board
 * is not anonymous), tags, then POST /api/boards/:id/publish.
 */
export function PublishDialog({ boardId, token, network, onClose }: { boardId: string; token: string; network: BoardNetwork; onClose(): void }) {
  const { t } = useTranslation('library');
  const errorText = useErrorText();
  const editor = useEditor();
  // Re-read on every card change: the preview is what would be published now.
  useCards();
  const drafts = libraryDrafts(editor.board, { boardId, now: Date.now() });
  const anonymous = readSession(editor.board).anonymous;
  const [tags, setTags] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ phase: 'idle' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOutcome({ phase: 'busy' });
    publishLessons(boardId, token, { tags: parseTags(tags) }).then(
      (answer) => setOutcome({ phase: 'done', count: answer.entries.length }),
      (error: unknown) => setOutcome({ phase: 'failed', error }),
    );
  };
  return (
    <div className="library-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <form className="library-dialog" role="dialog" aria-modal="true" aria-labelledby="library-publish-title" onSubmit={submit} data-testid="library-publish">
        <h2 id="library-publish-title">{t('publish.title', { network: network.name })}</h2>
        {drafts.length === 0 ? (
          <p>{t('publish.none')}</p>
        ) : (
          <>
            <p>{t('publish.intro')}</p>
            <ul className="library-preview" data-testid="library-publish-preview">
              {drafts.map((draft) => (
                <li key={draft.lessonId}>
                  <strong>{draft.text}</strong>
                  <ul>
                    {draft.evidence.map((item, i) => (
                      <li key={i}>
                        {t(`entry.kinds.${item.kind}`)}: {item.text}
                        {item.author ? ` (${item.author})` : ''}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            <p className="library-status">{anonymous ? t('publish.anonymous') : t('publish.named')}</p>
            <label className="library-search">
              <span>{t('publish.tags')}</span>
              <input value={tags} onChange={(event) => setTags(event.target.value)} data-testid="library-publish-tags" />
            </label>
          </>
        )}
        <div role="status">
          {outcome.phase === 'done' ? <p>{t('publish.done', { count: outcome.count })}</p> : null}
          {outcome.phase === 'failed' ? <p role="alert">{t('publish.failed', { message: errorText(outcome.error) })}</p> : null}
        </div>
        <div className="library-dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('publish.cancel')}
          </button>
          {drafts.length > 0 ? (
            <button type="submit" className="primary" disabled={outcome.phase === 'busy'} data-testid="library-publish-submit">
              {t('publish.submit', { count: drafts.length })}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}

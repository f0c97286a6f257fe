import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryEntry } from '../platform/library';
import { segments } from './highlight';

const KINDS = ['success', 'problem', 'lesson', 'note'] as const;
type Kind = (typeof KINDS)[number];
const asKind = (kind: string): Kind => ((KINDS as readonly string[]).includes(kind) ? (kind as Kind) : 'note');

/** A snippet with its searched words marked (ranges from the server, drawn as <mark>). */
export function Snippet({ snippet }: { snippet: NonNullable<LibraryEntry['snippet']> }) {
  return (
    <p className="library-snippet" data-testid="library-snippet">
      {segments(snippet.text, snippet.marks).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}

/**
 * One library entry: the lesson, where it came from, its organisations, votes, tags and
 * (folded) evidence; `actions` are the buttons of the place it is shown in.
 */
export function EntryItem({ entry, actions, headingLevel = 3 }: { entry: LibraryEntry; actions?: ReactNode; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('library');
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article className="library-entry" data-testid="library-entry" data-entry-id={entry.id}>
      <Heading className="library-entry-text">{entry.text}</Heading>
      {entry.snippet ? <Snippet snippet={entry.snippet} /> : null}
      <p className="library-entry-meta">
        <span data-testid="library-entry-source">{t('entry.from', { board: entry.boardTitle })}</span>
        {entry.organisations.length > 0 ? <span>{entry.organisations.join(', ')}</span> : null}
        <span>{t('entry.votes', { count: entry.votes })}</span>
        <span>{t('entry.evidence', { count: entry.evidence.length })}</span>
      </p>
      {entry.tags.length > 0 ? (
        <ul className="library-tags">
          {entry.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      ) : null}
      {entry.evidence.length > 0 ? (
        <details className="library-evidence">
          <summary>{t('entry.showEvidence')}</summary>
          <ul>
            {entry.evidence.map((item, i) => (
              <li key={i} className={`library-evidence-${asKind(item.kind)}`}>
                <strong>{t(`entry.kinds.${asKind(item.kind)}`)}</strong> {item.text}
                {item.organisation ? <em> · {item.organisation}</em> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {actions ? <div className="library-entry-actions">{actions}</div> : null}
    </article>
  );
}

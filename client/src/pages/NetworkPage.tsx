import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { boardLink, MAX_TITLE_LENGTH, tokenFromHash } from '@benchlearn/shared';
import { NetworkLibrary } from '../library/NetworkLibrary';
import { NetworkOverview } from '../library/NetworkOverview';
import { createNetworkBoard, getNetwork, networkLink, resolveNetworkToken, type NetworkInfo } from '../platform/library';
import { openNewBoard } from '../platform/openNewBoard';
import { bestKnownToken } from '../platform/recentBoards';
import { browserStore } from '../platform/storage';
import { PageHeader } from '../ui/PageHeader';
import './start.css';
import { useErrorText } from '../library/useErrorText';

type Loaded = { phase: 'loading' } | { phase: 'ready'; network: NetworkInfo } | { phase: 'failed'; error: unknown };

/** `/n/:id#token=…`: the network's name, your role, its boards (open one, start one) and its library. */
export function NetworkPage({ networkId, hash }: { networkId: string; hash: string }) {
  const { t } = useTranslation('library');
  const errorText = useErrorText();
  const token = useMemo(() => resolveNetworkToken(networkId, hash, browserStore('local')), [networkId, hash]);
  // The token is kept in this browser, and the address bar (shown on a shared screen) loses it;
  // "Copy link" gives the link with it back.
  useEffect(() => {
    if (tokenFromHash(window.location.hash)) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }, [hash]);
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  useEffect(() => {
    if (!token) return;
    let live = true;
    getNetwork(networkId, token).then(
      (network) => live && setLoaded({ phase: 'ready', network }),
      (error: unknown) => live && setLoaded({ phase: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [networkId, token]);
  useEffect(() => {
    if (loaded.phase === 'ready') document.title = `${loaded.network.name} · Benchlearn`;
  }, [loaded]);
  let body;
  if (!token) body = <p role="alert">{t('network.noToken')}</p>;
  else if (loaded.phase === 'loading') body = <p aria-busy="true">{t('network.loading')}</p>;
  else if (loaded.phase === 'failed') body = <p role="alert">{errorText(loaded.error)}</p>;
  else {
    const { network } = loaded;
    body = (
      <>
        <section className="start-hero">
          <p className="tagline">{t('network.label')}</p>
          <h1 data-testid="network-name">{network.name}</h1>
          <p className="tagline">{t('network.yourRole', { role: t(`network.role.${network.role}`) })}</p>
          <CopyLink networkId={network.id} token={token} />
        </section>
        <NetworkOverview networkId={network.id} token={token} networkName={network.name} />
        <div className="start-grid">
          <NetworkBoards network={network} token={token} />
          <NetworkLibrary networkId={network.id} token={token} entryCount={network.entries} />
        </div>
      </>
    );
  }
  return (
    <div className="page start-page network-page">
      <PageHeader />
      <main className="start-main">{body}</main>
    </div>
  );
}

/** The page's link with its token (no longer in the address bar), to send to someone of the network. */
function CopyLink({ networkId, token }: { networkId: string; token: string }) {
  const { t } = useTranslation('library');
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(networkLink(window.location.origin, networkId, token)).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <p className="network-copy-link">
      <button type="button" className="button secondary" onClick={copy} data-testid="network-copy-link">
        {t('network.copyLink')}
      </button>
      <span role="status">{copied === true ? t('network.copied') : copied === false ? t('network.copyFailed') : ''}</span>
    </p>
  );
}

/** The network's boards (a link where this browser holds a token for it) and a new board in the network. */
function NetworkBoards({ network, token }: { network: NetworkInfo; token: string }) {
  const { t } = useTranslation('library');
  const local = browserStore('local');
  return (
    <section className="card stack" aria-labelledby="network-boards-title">
      <h2 id="network-boards-title">{t('network.boards')}</h2>
      {network.boards.length === 0 ? <p className="muted">{t('network.noBoards')}</p> : null}
      <ul className="recent-list" data-testid="network-boards">
        {network.boards.map((board) => {
          const known = bestKnownToken(local, board.id);
          return (
            <li key={board.id} className="recent-board">
              {known ? <a href={boardLink(window.location.origin, board.id, known)}>{board.title}</a> : <span>{board.title}</span>}
              <small className="muted">{t('network.cards', { lessons: board.counts.lesson, links: board.counts.links })}</small>
            </li>
          );
        })}
      </ul>
      <NewNetworkBoard networkId={network.id} token={token} locale={network.locale} />
    </section>
  );
}

function NewNetworkBoard({ networkId, token, locale }: { networkId: string; token: string; locale: NetworkInfo['locale'] }) {
  const { t } = useTranslation('library');
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !title.trim()) return;
    setBusy(true);
    createNetworkBoard(networkId, token, { title: title.trim(), template: 'benchlearning', locale }).then(openNewBoard, (caught: unknown) => {
      setError(caught);
      setBusy(false);
    });
  };
  return (
    <form className="stack" onSubmit={submit} data-testid="network-new-board">
      <h3>{t('network.newBoard')}</h3>
      <label className="field">
        <span>{t('network.boardTitle')}</span>
        <input required maxLength={MAX_TITLE_LENGTH} value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      {error !== null ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('network.create')}
        </button>
      </div>
    </form>
  );
}

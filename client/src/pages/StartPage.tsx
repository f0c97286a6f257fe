import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../editor/types';
import { CreateBoardForm } from './CreateBoardForm';
import { CreateNetworkForm } from './CreateNetworkForm';
import { IdentityButton } from '../ui/IdentityButton';
import { ImportBoard } from './ImportBoard';
import { PageHeader } from '../ui/PageHeader';
import { RecentBoards } from './RecentBoards';
import './start.css';

/** `/`: create a board, or open one this browser opened before. */
export function StartPage({ identity, onEditIdentity }: { identity: Identity | null; onEditIdentity(): void }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('appName');
  }, [t]);
  return (
    <div className="page start-page">
      <PageHeader end={identity && <IdentityButton identity={identity} onEdit={onEditIdentity} />} />
      <main className="start-main">
        <section className="start-hero">
          <h1>{t('appName')}</h1>
          <p className="tagline">{t('start.tagline')}</p>
        </section>
        <div className="start-grid">
          <CreateBoardForm />
          <RecentBoards />
          <ImportBoard />
          <CreateNetworkForm />
        </div>
      </main>
    </div>
  );
}

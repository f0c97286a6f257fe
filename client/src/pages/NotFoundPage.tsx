import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader';
import { navigate } from '../platform/router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader />
      <main className="board-message">
        <h1>{t('notFound.title')}</h1>
        <a
          className="button primary"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          {t('notFound.back')}
        </a>
      </main>
    </div>
  );
}

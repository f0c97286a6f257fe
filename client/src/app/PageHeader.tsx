import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate } from './router';

/** The bar on top of every page: home, the page's own items, the language switch. */
export function PageHeader({ children, end }: { children?: ReactNode; end?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <a
        className="brand"
        href="/"
        title={t('board.homeLabel')}
        onClick={(event) => {
          event.preventDefault();
          navigate('/');
        }}
      >
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('appName')}</span>
      </a>
      <div className="page-header-main">{children}</div>
      <div className="page-header-end">
        {end}
        <LanguageSwitch />
      </div>
    </header>
  );
}

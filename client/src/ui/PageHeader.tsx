import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate } from '../platform/router';

/**
 * The bar on top of every page: home, the page's own items, the language switch. One row: a page
 * whose items may not fit measures them through `headerRef` (see HeaderOverflow); the brand's name
 * is marked as the first thing to hide (`data-fit=compact`).
 */
export function PageHeader({
  children,
  end,
  headerRef,
  className,
}: {
  children?: ReactNode;
  end?: ReactNode;
  headerRef?: Ref<HTMLElement>;
  className?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <header className={className ? `page-header ${className}` : 'page-header'} ref={headerRef}>
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
        <span className="brand-name" data-fit="compact">
          {t('appName')}
        </span>
      </a>
      <div className="page-header-main">{children}</div>
      <div className="page-header-end">
        {end}
        <LanguageSwitch />
      </div>
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { LOCALES } from '@benchlearn/shared';
import { currentLanguage, isSupportedLanguage, setLanguage } from '../i18n';

/** nl / en; the choice is remembered, until then the browser's language is used. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-switch"
        value={currentLanguage()}
        onChange={(event) => {
          if (isSupportedLanguage(event.target.value)) setLanguage(event.target.value);
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`language.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

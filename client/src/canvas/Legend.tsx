import { useTranslation } from 'react-i18next';
import { CARD_KINDS } from '@benchlearn/shared';
import { KIND_COLORS } from '../ui/kinds';
import { KindIconSvg } from '../ui/KindIcon';

/** What each colour and icon on the canvas means: a key, plain text (it does nothing, so it does not look like buttons). */
export function Legend() {
  const { t } = useTranslation('canvas');
  return (
    <ul className="bl-legend" aria-label={t('legend.label')} data-testid="legend">
      {CARD_KINDS.map((k) => (
        <li key={k}>
          <span className="bl-swatch" style={{ background: KIND_COLORS[k] }}>
            <KindIconSvg kind={k} color="#ffffff" size={12} />
          </span>
          {t(`kinds.${k}`)}
        </li>
      ))}
    </ul>
  );
}

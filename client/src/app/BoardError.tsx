import { useTranslation } from 'react-i18next';
import { CloseCode } from '@benchlearn/shared';
import { closeCodeMessageKey } from '../sync/closeCodes';
import { navigate } from './router';

/** Codes after which reloading can help: the offline copy was reset, the server is fine. */
const RELOADABLE: ReadonlySet<number> = new Set([CloseCode.MessageTooBig, CloseCode.BadMessage, CloseCode.BoardFull]);

/** Why the board stopped, in words; shown for close codes the app will not retry. */
export function BoardError({ code }: { code: number }) {
  const { t } = useTranslation();
  return (
    <div className="board-error" data-testid="board-error" data-code={code} role="alert">
      <h2>{t('boardError.title')}</h2>
      <p>{t(closeCodeMessageKey(code), { code })}</p>
      <div className="actions">
        {RELOADABLE.has(code) && (
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            {t('boardError.reload')}
          </button>
        )}
        <a
          className="button secondary"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          {t('board.homeLabel')}
        </a>
      </div>
    </div>
  );
}

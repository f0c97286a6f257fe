import { useTranslation } from 'react-i18next';
import type { BoardDocs } from '@benchlearn/shared';
import { closeCodeMessageKey, isRefusal } from '../sync/closeCodes';
import { downloadLocalCopy } from '../sync/localCopy';
import { navigate } from '../platform/router';

export interface BoardErrorProps {
  code: number;
  /**
   * The board as this browser holds it: given, a refusal offers it as a file. Absent where the
   * board never opened (the HTTP check refused it).
   */
  board?: BoardDocs;
  /** The title the page shows, for the file's name when the board's own has not arrived. */
  title?: string;
}

/**
 * Why the board stopped, in words; shown for close codes the app will not retry. A refusal of
 * something this browser sent says why, that nothing written here is lost, and offers the board
 * as it is here as a file; a reload tries to send it once more.
 */
export function BoardError({ code, board, title = '' }: BoardErrorProps) {
  const { t } = useTranslation();
  const refused = isRefusal(code);
  return (
    <div className="board-error" data-testid="board-error" data-code={code} data-refused={refused} role="alert">
      <h2>{t(refused ? 'boardError.refusedTitle' : 'boardError.title')}</h2>
      <p>{t(closeCodeMessageKey(code), { code })}</p>
      {refused && <p data-testid="board-error-kept">{t('boardError.kept')}</p>}
      <div className="actions">
        {refused && board && (
          <button type="button" className="button primary" data-testid="download-local-copy" onClick={() => downloadLocalCopy(board, title)}>
            {t('boardError.download')}
          </button>
        )}
        {refused && (
          <button
            type="button"
            className={board ? 'button secondary' : 'button primary'}
            data-testid="board-error-reload"
            onClick={() => window.location.reload()}
          >
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

import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_KINDS, type CardKind } from '@benchlearn/shared';
import type { CanvasController } from '../board/controller';
import { KIND_COLORS } from '../board/kinds';
import { KindIconSvg } from '../board/KindIcon';
import { useSignal } from '../board/stores';

function useSelectedCards(ctl: CanvasController): string[] {
  const get = () => ctl.selection.keys().join(' ');
  const key = useSyncExternalStore((l) => ctl.selection.subscribeAll(l), get, get);
  // Also re-render when cards come or go, so a deleted card stops counting as selected.
  useSyncExternalStore(ctl.store.subscribeOrder, ctl.store.getOrder, ctl.store.getOrder);
  return key ? key.split(' ').filter((id) => ctl.store.getCard(id) !== undefined) : [];
}

function useCardKind(ctl: CanvasController, id: string | undefined): CardKind | undefined {
  const get = () => (id ? ctl.store.getCard(id)?.kind : undefined);
  return useSyncExternalStore((l) => (id ? ctl.store.subscribeCard(id, l) : () => undefined), get, get);
}

/** The board's tools (absent when read-only): add cards, link, undo/redo, delete, zoom, kind. */
export function Toolbar({ ctl }: { ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  const linkTool = useSignal(ctl.linkTool);
  const frameTools = useSignal(ctl.frameTools);
  const canUndo = useSignal(ctl.canUndo);
  const canRedo = useSignal(ctl.canRedo);
  const selectionKey = useSyncExternalStore(
    (l) => ctl.selection.subscribeAll(l),
    () => ctl.selection.size,
    () => ctl.selection.size,
  );
  const selectedCards = useSelectedCards(ctl);
  const single = selectedCards.length === 1 ? selectedCards[0] : undefined;
  const kind = useCardKind(ctl, single);
  const scaleGet = () => Math.round(ctl.view.get().scale * 100);
  const percent = useSyncExternalStore(ctl.view.subscribe, scaleGet, scaleGet);
  const addable = useSignal(ctl.addableKinds);
  const { t: ts } = useTranslation('session');

  return (
    <div className="bl-toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <div className="bl-toolbar-group">
        {CARD_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="bl-add"
            data-testid={`add-${k}`}
            disabled={!addable.includes(k)}
            title={addable.includes(k) ? t(`toolbar.add.${k}`) : `${t(`toolbar.add.${k}`)}: ${ts('agenda.notNow')}`}
            aria-label={t(`toolbar.add.${k}`)}
            style={{ borderColor: KIND_COLORS[k] }}
            onClick={() => {
              ctl.addCard(k);
              // Enter now edits the new card, Delete removes it.
              ctl.focusCanvas();
            }}
          >
            <span className="bl-swatch" style={{ background: KIND_COLORS[k] }}>
              <KindIconSvg kind={k} color="#ffffff" size={14} />
            </span>
            <span>+ {t(`kinds.${k}`)}</span>
          </button>
        ))}
      </div>
      <div className="bl-toolbar-group">
        <button
          type="button"
          data-testid="link-tool"
          aria-pressed={linkTool}
          title={t('toolbar.linkToolHint')}
          className={linkTool ? 'bl-on' : undefined}
          onClick={() => ctl.toggleLinkTool()}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M2 13 L12 3 M7 3 H12 V8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>{t('toolbar.linkTool')}</span>
        </button>
        {frameTools ? (
          <button type="button" data-testid="add-frame" title={t('frames.addHint')} onClick={() => ctl.addFrame(t('frames.newTitle'))}>
            {t('frames.add')}
          </button>
        ) : null}
        {single && kind ? (
          <select
            data-testid="kind-select"
            aria-label={t('toolbar.kind')}
            value={kind}
            onChange={(e) => ctl.setKind(single, e.currentTarget.value as CardKind)}
          >
            {CARD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        ) : null}
        {single ? <OrgInput key={single} ctl={ctl} id={single} /> : null}
        <button
          type="button"
          data-testid="delete-selection"
          title={t('toolbar.deleteHint')}
          disabled={selectionKey === 0}
          onClick={() => ctl.deleteSelection()}
        >
          {t('toolbar.delete')}
        </button>
      </div>
      <div className="bl-toolbar-group">
        <button type="button" data-testid="undo" aria-label={t('toolbar.undo')} title={t('toolbar.undoHint')} disabled={!canUndo} onClick={() => ctl.undo()}>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path
              d="M5 3 L2 6 L5 9 M2 6 H10 A4 4 0 0 1 10 14 H6"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
        <button type="button" data-testid="redo" aria-label={t('toolbar.redo')} title={t('toolbar.redoHint')} disabled={!canRedo} onClick={() => ctl.redo()}>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path
              d="M11 3 L14 6 L11 9 M14 6 H6 A4 4 0 0 0 6 14 H10"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
      </div>
      <div className="bl-toolbar-group">
        <button type="button" data-testid="zoom-out" aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')} onClick={() => ctl.zoomStep(1 / 1.25)}>
          −
        </button>
        <span className="bl-zoom" aria-live="off">
          {t('toolbar.zoomLevel', { percent })}
        </span>
        <button type="button" data-testid="zoom-in" aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')} onClick={() => ctl.zoomStep(1.25)}>
          +
        </button>
        <button type="button" data-testid="zoom-fit" title={t('toolbar.fit')} aria-label={t('toolbar.fit')} onClick={() => ctl.fit(true)}>
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M2 6 V2 H6 M10 2 H14 V6 M14 10 V14 H10 M6 14 H2 V10" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </div>
  );
}

function useCardOrg(ctl: CanvasController, id: string): string {
  const get = () => ctl.store.getCard(id)?.org ?? '';
  return useSyncExternalStore((l) => ctl.store.subscribeCard(id, l), get, get);
}

/** The selected card's organisation: set on Enter or when the field loses focus. */
function OrgInput({ ctl, id }: { ctl: CanvasController; id: string }) {
  const { t } = useTranslation('session');
  const org = useCardOrg(ctl, id);
  const [value, setValue] = useState<string | null>(null);
  const commit = () => {
    if (value !== null && value.trim() !== org) ctl.setOrg(id, value);
    setValue(null);
  };
  return (
    <input
      className="bl-org-input"
      data-testid="card-org-input"
      aria-label={t('org.label')}
      placeholder={t('org.label')}
      maxLength={200}
      value={value ?? org}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit();
          ctl.focusCanvas();
        } else if (e.key === 'Escape') setValue(null);
      }}
    />
  );
}

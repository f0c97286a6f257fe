import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CARD_KINDS, type CardKind } from '@benchlearn/shared';
import type { CanvasController } from './controller';
import { KIND_COLORS } from '../ui/kinds';
import { KindIconSvg } from '../ui/KindIcon';
import { actions, type ActionArgs, type ActionId } from '../editor/actions';
import { useAction, useCard, useEditor, useSelection } from '../editor/react';
import { ActionIcon } from '../ui/ActionIcon';
import { RESIZE_STEP } from '../editor/cardCommands';

/** The one selected card, if exactly one card is selected. */
function useSingleSelectedCard(): string | undefined {
  const editor = useEditor();
  const selection = useSelection();
  // Also re-render when cards come or go, so a deleted card stops counting as selected.
  useSyncExternalStore(editor.store.subscribeOrder, editor.store.getOrder, editor.store.getOrder);
  const cards = [...selection].filter((id) => editor.store.getCard(id) !== undefined);
  return cards.length === 1 ? cards[0] : undefined;
}

/** A toolbar button performing one action of the registry; `iconOnly`: the name is its aria-label. */
function ActionButton<K extends ActionId>({
  id,
  testId,
  iconOnly = false,
  children,
  ...rest
}: { id: K; testId: string; iconOnly?: boolean; children?: ReactNode } & (ActionArgs[K] extends undefined ? { args?: undefined } : { args: ActionArgs[K] })) {
  const state = useAction(id, ...((rest.args === undefined ? [] : [rest.args]) as never));
  const icon = actions[id].icon;
  return (
    <button
      type="button"
      data-testid={testId}
      title={state.title}
      aria-label={iconOnly ? state.ariaLabel : undefined}
      aria-pressed={state.pressed}
      className={state.pressed ? 'bl-on' : undefined}
      disabled={!state.enabled && !state.pressed}
      onClick={state.run}
    >
      {icon ? <ActionIcon icon={icon} /> : null}
      {children ?? (iconOnly ? null : <span>{state.label}</span>)}
    </button>
  );
}

function AddCardButton({ kind }: { kind: CardKind }) {
  const { t } = useTranslation('canvas');
  const { t: ts } = useTranslation('session');
  const state = useAction('add-card', { kind });
  const label = t(`toolbar.add.${kind}`);
  return (
    <button
      type="button"
      className="bl-add"
      data-testid={`add-${kind}`}
      disabled={!state.enabled}
      title={state.enabled ? label : `${label}: ${ts('agenda.notNow')}`}
      aria-label={label}
      style={{ borderColor: KIND_COLORS[kind] }}
      onClick={state.run}
    >
      <span className="bl-swatch" style={{ background: KIND_COLORS[kind] }}>
        <KindIconSvg kind={kind} color="#ffffff" size={14} />
      </span>
      <span>+ {t(`kinds.${kind}`)}</span>
    </button>
  );
}

export function ZoomGroup({ ctl }: { ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  const scaleGet = () => Math.round(ctl.view.get().scale * 100);
  const percent = useSyncExternalStore(ctl.view.subscribe, scaleGet, scaleGet);
  return (
    <div className="bl-toolbar-group">
      <ActionButton id="zoom-out" testId="zoom-out" iconOnly>
        −
      </ActionButton>
      <span className="bl-zoom" aria-live="off">
        {t('toolbar.zoomLevel', { percent })}
      </span>
      <ActionButton id="zoom-in" testId="zoom-in" iconOnly>
        +
      </ActionButton>
      <ActionButton id="zoom-fit" testId="zoom-fit" iconOnly />
    </div>
  );
}

/** Viewers (read-only) zoom and see the whole board too: the zoom group alone, bottom right. */
export function ViewerZoom({ ctl }: { ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  return (
    <div className="bl-toolbar bl-viewer-zoom" role="toolbar" aria-label={t('actions.viewerZoom')} data-testid="viewer-zoom">
      <ZoomGroup ctl={ctl} />
    </div>
  );
}

/** The board's tools (absent when read-only): add cards, link, undo/redo, delete, zoom, kind; each an action of the registry. */
export function Toolbar({ ctl }: { ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  const single = useSingleSelectedCard();
  const linkSelected = useAction('edit-link-label').enabled;
  const addFrame = useAction('add-frame', { title: t('frames.newTitle') });
  return (
    <div className="bl-toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <div className="bl-toolbar-group">
        {CARD_KINDS.map((kind) => (
          <AddCardButton key={kind} kind={kind} />
        ))}
      </div>
      <div className="bl-toolbar-group">
        <ActionButton id="link-tool" testId="link-tool" />
        <ActionButton id="focus-links" testId="focus-links" />
        {linkSelected ? <ActionButton id="edit-link-label" testId="edit-link-label" /> : null}
        {addFrame.visible ? <ActionButton id="add-frame" testId="add-frame" args={{ title: t('frames.newTitle') }} /> : null}
        {single ? <KindSelect id={single} /> : null}
        {single ? <OrgInput key={single} id={single} /> : null}
        <ActionButton id="delete-selection" testId="delete-selection" />
      </div>
      <div className="bl-toolbar-group">
        <ActionButton id="undo" testId="undo" iconOnly />
        <ActionButton id="redo" testId="redo" iconOnly />
      </div>
      <ZoomGroup ctl={ctl} />
    </div>
  );
}

/**
 * With cards selected, at the canvas's foot (laptop and phone alike, the phone hides the
 * toolbar): "Link to…", "Move to frame…", Bigger and Smaller, the single-pointer way (a click,
 * a tap) to what the link and resize handles do by dragging (WCAG 2.5.7).
 */
export function SelectionTools() {
  const { t } = useTranslation('canvas');
  const editor = useEditor();
  const resize = useAction('resize', { dw: RESIZE_STEP, dh: RESIZE_STEP });
  if (!resize.enabled || editor.selectedCardIds().length === 0) return null;
  return (
    <div className="bl-toolbar bl-selection-tools" role="toolbar" aria-label={t('commands.tools')} data-testid="selection-tools">
      <ActionButton id="link-to" testId="link-to" />
      <ActionButton id="choose-frame" testId="choose-frame" />
      <ActionButton id="resize" testId="card-bigger" args={{ dw: RESIZE_STEP, dh: RESIZE_STEP }}>
        {t('commands.bigger')}
      </ActionButton>
      <ActionButton id="resize" testId="card-smaller" args={{ dw: -RESIZE_STEP, dh: -RESIZE_STEP }}>
        {t('commands.smaller')}
      </ActionButton>
    </div>
  );
}

function KindSelect({ id }: { id: string }) {
  const { t } = useTranslation('canvas');
  const editor = useEditor();
  const kind = useCard(id)?.kind;
  if (!kind) return null;
  return (
    <select data-testid="kind-select" aria-label={t('toolbar.kind')} value={kind} onChange={(e) => editor.setKind(id, e.currentTarget.value as CardKind)}>
      {CARD_KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`kinds.${k}`)}
        </option>
      ))}
    </select>
  );
}

/** The selected card's organisation: set on Enter or when the field loses focus. */
function OrgInput({ id }: { id: string }) {
  const { t } = useTranslation('session');
  const editor = useEditor();
  const org = useCard(id)?.org ?? '';
  const [value, setValue] = useState<string | null>(null);
  const commit = () => {
    if (value !== null && value.trim() !== org) editor.setOrg(id, value);
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
          editor.canvas.get()?.focus();
        } else if (e.key === 'Escape') setValue(null);
      }}
    />
  );
}

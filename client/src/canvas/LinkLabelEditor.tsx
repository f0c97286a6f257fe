import { useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LINK_LABEL } from '@benchlearn/shared';
import type { CanvasController } from './controller';
import { useCard } from './CardView';
import { linkPoints } from '../editor/geometry';
import { useSignal } from '../editor/stores';
import { boardToScreen } from '../editor/viewport';

/** The field over a link's middle while its label is edited: Enter or leaving it sets the label, Escape cancels. */
function LabelField({ ctl, id }: { ctl: CanvasController; id: string }) {
  const { t } = useTranslation('canvas');
  const cancelled = useRef(false);
  const links = useSyncExternalStore(ctl.store.subscribeLinks, ctl.store.getLinks, ctl.store.getLinks);
  const view = useSyncExternalStore(ctl.view.subscribe, ctl.view.get, ctl.view.get);
  const link = links.find((l) => l.id === id);
  const from = useCard(ctl, link?.from ?? '');
  const to = useCard(ctl, link?.to ?? '');
  const points = from && to ? linkPoints(from, to) : null;
  if (!link || !points) return null;
  const middle = boardToScreen(view, { x: (points[0] + points[2]) / 2, y: (points[1] + points[3]) / 2 });
  const finish = (value: string) => {
    if (!cancelled.current) ctl.linkExtras.commit(id, value);
    ctl.focusCanvas();
  };
  return (
    <input
      data-testid="link-label-editor"
      data-link-id={id}
      className="bl-link-label-editor"
      aria-label={t('actions.linkLabel')}
      maxLength={MAX_LINK_LABEL}
      defaultValue={link.label ?? ''}
      autoFocus
      style={{ left: middle.x, top: middle.y }}
      onKeyDown={(e) => {
        // Keys typed here are the label's, not canvas shortcuts.
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(e.currentTarget.value);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          cancelled.current = true;
          ctl.linkExtras.cancel();
          ctl.focusCanvas();
        }
      }}
      onBlur={(e) => {
        if (ctl.linkExtras.labelling.get() === id) finish(e.currentTarget.value);
      }}
    />
  );
}

export function LinkLabelEditor({ ctl }: { ctl: CanvasController }) {
  const id = useSignal(ctl.linkExtras.labelling);
  return id ? <LabelField key={id} ctl={ctl} id={id} /> : null;
}

import { useSyncExternalStore } from 'react';
import type { CanvasController } from './controller';
import { useSignal } from '../editor/stores';
import { visibleRect } from '../editor/viewport';

/**
 * The projector's visible board region as DOM (docs/testing-hooks.md), so a test can wait for
 * the projector to follow the presenter instead of guessing with timers.
 */
export function ProjectorViewHook({ ctl }: { ctl: CanvasController }) {
  const getKey = () => {
    const view = ctl.view.get();
    const r = visibleRect(view, ctl.size.get());
    return [r.x, r.y, r.w, r.h, view.scale].map((n) => Math.round(n * 100) / 100).join(' ');
  };
  const viewKey = useSyncExternalStore(ctl.view.subscribe, getKey, getKey);
  useSyncExternalStore(ctl.size.subscribe, getKey, getKey);
  const presenter = useSignal(ctl.camera.presenter);
  const [x, y, width, height, scale] = viewKey.split(' ');
  return (
    <div
      hidden
      data-testid="projector-view"
      data-x={x}
      data-y={y}
      data-width={width}
      data-height={height}
      data-scale={scale}
      data-presenter={presenter ?? ''}
    />
  );
}

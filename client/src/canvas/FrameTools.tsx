import { memo, useEffect, useRef, useState } from 'react';
import { Rect } from 'react-konva';
import type Konva from 'konva';
import { useTranslation } from 'react-i18next';
import { MAX_TITLE_LENGTH } from '@benchlearn/shared';
import type { CanvasController } from './controller';
import { useLiveFrames } from './FramesLayer';
import { useViewScale } from './PresenceLayer';
import { useSignal } from '../editor/stores';

/** Height of the grab strip along a frame's top edge, where its title is (board units). */
export const FRAME_GRAB_HEIGHT = 72;
/** The frame's corner handle on screen: at least 24 x 24 CSS pixels to hit (WCAG 2.5.8). */
const RESIZE_HANDLE_PX = 24;

/**
 * Facilitators' handles on frames: the title strip selects and moves a frame (the cards in it
 * move along), the corner of the selected frame resizes it. Only this strip listens, so a
 * click elsewhere in a frame still pans or selects cards as before.
 */
export const FrameHandlesLayerContent = memo(function FrameHandlesLayerContent({ ctl }: { ctl: CanvasController }) {
  const frames = useLiveFrames(ctl);
  const selected = useSignal(ctl.frames.selectedFrame);
  const scale = useViewScale(ctl);
  const handle = RESIZE_HANDLE_PX / scale;
  const selectedFrame = frames.find((frame) => frame.id === selected);
  const setCursor = (cursor: string | null) => {
    const el = ctl.container;
    if (!el) return;
    if (cursor) el.style.setProperty('cursor', cursor);
    else el.style.removeProperty('cursor');
  };
  return (
    <>
      {frames.map((frame) => (
        <Rect
          key={frame.id}
          name="frame-handle"
          id={`frame-handle-${frame.id}`}
          x={frame.x}
          y={frame.y}
          width={frame.w}
          height={Math.min(FRAME_GRAB_HEIGHT, frame.h)}
          fill="#000000"
          opacity={0.001}
          draggable
          onPointerDown={() => ctl.frames.selectFrame(frame.id)}
          onDragStart={(e) => ctl.frames.onFrameDragStart(frame.id, e.target)}
          onDragMove={(e) => ctl.frames.onFrameDragMove(frame.id, e.target)}
          onDragEnd={(e) => ctl.frames.onFrameDragEnd(frame.id, e.target)}
          onDblClick={() => ctl.frames.selectFrame(frame.id)}
          onPointerEnter={() => setCursor('move')}
          onPointerLeave={() => setCursor(null)}
        />
      ))}
      {selectedFrame ? (
        <>
          <Rect
            x={selectedFrame.x}
            y={selectedFrame.y}
            width={selectedFrame.w}
            height={selectedFrame.h}
            stroke="#1a73e8"
            strokeWidth={2 / scale}
            cornerRadius={16}
            listening={false}
          />
          <Rect
            name="frame-resize"
            x={selectedFrame.x + selectedFrame.w - handle}
            y={selectedFrame.y + selectedFrame.h - handle}
            width={handle}
            height={handle}
            fill="#ffffff"
            stroke="#1a73e8"
            strokeWidth={2 / scale}
            draggable
            onDragMove={(e: Konva.KonvaEventObject<DragEvent>) =>
              ctl.frames.onFrameResize(selectedFrame.id, { x: e.target.x() + handle, y: e.target.y() + handle }, false)
            }
            onDragEnd={(e: Konva.KonvaEventObject<DragEvent>) => {
              ctl.frames.onFrameResize(selectedFrame.id, { x: e.target.x() + handle, y: e.target.y() + handle }, true);
              // Back on the corner (a resize below the smallest size leaves the pointer beyond it).
              e.target.position({ x: selectedFrame.x + selectedFrame.w - handle, y: selectedFrame.y + selectedFrame.h - handle });
            }}
            onPointerEnter={() => setCursor('nwse-resize')}
            onPointerLeave={() => setCursor(null)}
          />
        </>
      ) : null}
    </>
  );
});

/** The selected frame's title and delete button, over the canvas (a DOM form for typing). */
export function FramePanel({ ctl }: { ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  const selected = useSignal(ctl.frames.selectedFrame);
  const frames = useLiveFrames(ctl);
  const frame = frames.find((f) => f.id === selected);
  const [title, setTitle] = useState(frame?.title ?? '');
  const typed = useRef(false);
  // Another frame selected, or the title changed elsewhere while not typing here.
  useEffect(() => {
    typed.current = false;
    setTitle(frame?.title ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new selection resets the field
  }, [selected]);
  if (!frame) return null;
  return (
    <div className="bl-frame-panel" data-testid="frame-panel" role="group" aria-label={t('frames.panel')}>
      <label>
        <span>{t('frames.title')}</span>
        <input
          data-testid="frame-title-input"
          value={title}
          maxLength={MAX_TITLE_LENGTH}
          onChange={(e) => {
            setTitle(e.target.value);
            // The first keystroke starts an undo step; the rest of the typing merges into it.
            ctl.frames.renameFrame(frame.id, e.target.value, typed.current);
            typed.current = true;
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'Escape') ctl.frames.selectFrame(null);
          }}
        />
      </label>
      <button type="button" data-testid="delete-frame" title={t('frames.deleteHint')} onClick={() => ctl.frames.deleteSelectedFrame()}>
        {t('frames.delete')}
      </button>
      <button type="button" onClick={() => ctl.frames.selectFrame(null)}>
        {t('frames.done')}
      </button>
    </div>
  );
}

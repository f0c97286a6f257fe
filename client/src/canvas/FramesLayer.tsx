import { memo, useSyncExternalStore } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { Frame } from '@benchlearn/shared';
import type { CanvasController } from './controller';
import { FONT_FAMILY } from '../ui/kinds';
import { useSignal } from '../editor/stores';

/** `#rrggbb` with an alpha, or a neutral tint for colours we cannot parse. */
function tint(color: string | undefined, alpha: string): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? `${color}${alpha}` : `#90a4ae${alpha}`;
}

/** A frame as drawn now: with a live drag offset or resize of this browser. */
export function useLiveFrames(ctl: CanvasController): readonly Frame[] {
  const frames = useSyncExternalStore(ctl.store.subscribeFrames, ctl.store.getFrames, ctl.store.getFrames);
  const drag = useSignal(ctl.frames.frameDrag);
  const resize = useSignal(ctl.frames.frameResize);
  if (!drag && !resize) return frames;
  return frames.map((frame) => {
    let live = frame;
    if (drag?.id === frame.id) live = { ...live, x: frame.x + drag.dx, y: frame.y + drag.dy };
    if (resize?.id === frame.id) live = { ...live, w: resize.w, h: resize.h };
    return live;
  });
}

/**
 * The frames (titled areas of a template). Static and never listening: clicks fall through to
 * pan (facilitators grab a frame by the handles of FrameTools). On the projector they are drawn
 * with solid, stronger lines for contrast.
 */
export const FramesLayerContent = memo(function FramesLayerContent({ ctl, presentation }: { ctl: CanvasController; presentation: boolean }) {
  const frames = useLiveFrames(ctl);
  return (
    <>
      {frames.map((frame) => (
        <Group key={frame.id} name="frame" id={frame.id} x={frame.x} y={frame.y} listening={false}>
          <Rect
            width={frame.w}
            height={frame.h}
            cornerRadius={16}
            fill={tint(frame.color, presentation ? '14' : '0f')}
            stroke={presentation ? (frame.color ?? '#37474f') : tint(frame.color, '66')}
            strokeWidth={presentation ? 4 : 2}
            dash={presentation ? undefined : [14, 8]}
            perfectDrawEnabled={false}
            listening={false}
          />
          <Text
            x={24}
            y={20}
            width={Math.max(10, frame.w - 48)}
            text={frame.title}
            fontFamily={FONT_FAMILY}
            fontSize={presentation ? 40 : 32}
            fontStyle="bold"
            fill={frame.color ?? '#546e7a'}
            wrap="none"
            ellipsis
            perfectDrawEnabled={false}
            listening={false}
          />
        </Group>
      ))}
    </>
  );
});

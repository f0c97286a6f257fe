import { memo, useSyncExternalStore } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { CanvasController } from './controller';
import { FONT_FAMILY } from './kinds';

/** `#rrggbb` with an alpha, or a neutral tint for colours we cannot parse. */
function tint(color: string | undefined, alpha: string): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? `${color}${alpha}` : `#90a4ae${alpha}`;
}

/** The frames (titled areas of a template). Static and never listening: clicks fall through to pan. */
export const FramesLayerContent = memo(function FramesLayerContent({ ctl }: { ctl: CanvasController }) {
  const frames = useSyncExternalStore(ctl.store.subscribeFrames, ctl.store.getFrames, ctl.store.getFrames);
  return (
    <>
      {frames.map((frame) => (
        <Group key={frame.id} name="frame" id={frame.id} x={frame.x} y={frame.y} listening={false}>
          <Rect
            width={frame.w}
            height={frame.h}
            cornerRadius={16}
            fill={tint(frame.color, '0f')}
            stroke={tint(frame.color, '66')}
            strokeWidth={2}
            dash={[14, 8]}
            perfectDrawEnabled={false}
            listening={false}
          />
          <Text
            x={24}
            y={20}
            width={Math.max(10, frame.w - 48)}
            text={frame.title}
            fontFamily={FONT_FAMILY}
            fontSize={32}
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

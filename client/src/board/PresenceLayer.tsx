import { memo, useSyncExternalStore } from 'react';
import { Group, Label, Line, Tag, Text } from 'react-konva';
import type { CanvasController } from './controller';
import { FONT_FAMILY } from './kinds';
import { useSignal } from './stores';

/** The zoom only: panning does not re-render what depends on the zoom alone. */
export function useViewScale(ctl: CanvasController): number {
  const get = () => ctl.view.get().scale;
  return useSyncExternalStore(ctl.view.subscribe, get, get);
}

/** Others' cursors with their names, the same size on screen at any zoom. */
export const PresenceLayerContent = memo(function PresenceLayerContent({ ctl }: { ctl: CanvasController }) {
  const peers = useSignal(ctl.peers.peers);
  const scale = useViewScale(ctl);
  const inverse = 1 / scale;
  return (
    <>
      {peers.map((peer) =>
        peer.cursor ? (
          <Group
            key={peer.clientId}
            name="cursor"
            id={`cursor-${peer.user.id}`}
            x={peer.cursor.x}
            y={peer.cursor.y}
            scaleX={inverse}
            scaleY={inverse}
            listening={false}
          >
            <Line points={[0, 0, 0, 17, 4.5, 13, 8, 20.5, 11, 19, 7.8, 11.8, 13, 11.8]} closed fill={peer.user.color} stroke="#ffffff" strokeWidth={1.5} perfectDrawEnabled={false} />
            <Label x={12} y={20}>
              <Tag fill={peer.user.color} cornerRadius={4} />
              <Text text={peer.user.name} fontFamily={FONT_FAMILY} fontSize={12} fill="#ffffff" padding={4} perfectDrawEnabled={false} />
            </Label>
          </Group>
        ) : null,
      )}
    </>
  );
});

import { memo, useSyncExternalStore } from 'react';
import { Circle, Group, Label, Line, Tag, Text } from 'react-konva';
import type { CanvasController } from './controller';
import { FONT_FAMILY } from '../ui/kinds';
import { useSignal } from '../editor/stores';

/** The zoom only: panning does not re-render what depends on the zoom alone. */
export function useViewScale(ctl: CanvasController): number {
  const get = () => ctl.view.get().scale;
  return useSyncExternalStore(ctl.view.subscribe, get, get);
}

/** The presenter's pointer on the projector: a large red laser dot, the same size at any zoom. */
function LaserDot({ ctl }: { ctl: CanvasController }) {
  const peers = useSignal(ctl.peers.peers);
  const presenter = useSignal(ctl.camera.presenter);
  const scale = useViewScale(ctl);
  const peer = peers.find((p) => p.user.id === presenter && p.presenting && p.cursor);
  if (!peer?.cursor) return null;
  return (
    <Group name="laser" id={`laser-${peer.user.id}`} x={peer.cursor.x} y={peer.cursor.y} scaleX={1 / scale} scaleY={1 / scale} listening={false}>
      <Circle radius={26} fill="rgba(255, 23, 68, 0.25)" perfectDrawEnabled={false} />
      <Circle radius={13} fill="#ff1744" stroke="#ffffff" strokeWidth={3} shadowColor="#ff1744" shadowBlur={18} perfectDrawEnabled={false} />
    </Group>
  );
}

/**
 * Others' cursors with their names, the same size on screen at any zoom. The projector shows
 * only the presenter's pointer, as a laser dot. While the board is anonymous nobody's cursor
 * shows: a named (or coloured) cursor beside a new card would say who wrote it.
 */
export const PresenceLayerContent = memo(function PresenceLayerContent({ ctl, presentation }: { ctl: CanvasController; presentation: boolean }) {
  const anonymous = useSignal(ctl.anonymous);
  if (presentation) return <LaserDot ctl={ctl} />;
  return anonymous ? null : <Cursors ctl={ctl} />;
});

function Cursors({ ctl }: { ctl: CanvasController }) {
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
            <Line
              points={[0, 0, 0, 17, 4.5, 13, 8, 20.5, 11, 19, 7.8, 11.8, 13, 11.8]}
              closed
              fill={peer.user.color}
              stroke="#ffffff"
              strokeWidth={1.5}
              perfectDrawEnabled={false}
            />
            <Label x={12} y={20}>
              <Tag fill={peer.user.color} cornerRadius={4} />
              <Text text={peer.user.name} fontFamily={FONT_FAMILY} fontSize={12} fill="#ffffff" padding={4} perfectDrawEnabled={false} />
            </Label>
          </Group>
        ) : null,
      )}
    </>
  );
}

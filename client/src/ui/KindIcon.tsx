import { Circle, Group, Line } from 'react-konva';
import type { CardKind } from '@benchlearn/shared';
import { KIND_ICONS } from './kinds';

/** The kind's glyph on the canvas, in a 16 x 16 box at (x, y). Decorative: never listens. */
export function KindIconShape({ kind, x, y, color }: { kind: CardKind; x: number; y: number; color: string }) {
  return (
    <Group x={x} y={y} listening={false}>
      {KIND_ICONS[kind].map((part, i) =>
        part.type === 'line' ? (
          <Line
            key={i}
            points={[...part.points]}
            stroke={color}
            strokeWidth={2}
            lineCap="round"
            lineJoin="round"
            perfectDrawEnabled={false}
            listening={false}
          />
        ) : (
          <Circle
            key={i}
            x={part.x}
            y={part.y}
            radius={part.r}
            fill={part.type === 'dot' ? color : undefined}
            stroke={part.type === 'ring' ? color : undefined}
            strokeWidth={part.type === 'ring' ? 2 : 0}
            perfectDrawEnabled={false}
            listening={false}
          />
        ),
      )}
    </Group>
  );
}

/** The same glyph as SVG, for the toolbar and the legend. */
export function KindIconSvg({ kind, color, size = 16 }: { kind: CardKind; color: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {KIND_ICONS[kind].map((part, i) =>
        part.type === 'line' ? (
          <polyline key={i} points={part.points.join(' ')} fill="none" stroke={color} strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" />
        ) : (
          <circle
            key={i}
            cx={part.x}
            cy={part.y}
            r={part.r}
            fill={part.type === 'dot' ? color : 'none'}
            stroke={part.type === 'ring' ? color : 'none'}
            strokeWidth={2}
          />
        ),
      )}
    </svg>
  );
}

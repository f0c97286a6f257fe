import { Circle, Group, Line, Rect, Text } from 'react-konva';
import type { KonvaShape } from './konvaCard';

const COMPONENTS = { Group, Rect, Circle, Text, Line } as const;

/** One shape of konvaCard.ts as a react-konva node; `overrides` change its config (a selected card's outline). */
export function KonvaShapeView({ shape, ...overrides }: { shape: KonvaShape } & Record<string, unknown>) {
  const Component = COMPONENTS[shape.className] as unknown as (props: Record<string, unknown>) => React.ReactNode;
  return (
    <Component {...shape.attrs} {...overrides}>
      {shape.children?.map((child, i) => (
        <KonvaShapeView key={i} shape={child} />
      ))}
    </Component>
  );
}

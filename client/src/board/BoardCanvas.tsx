import type { BoardCanvasProps } from '../types';

// Placeholder until the canvas lands; the board page renders this component.
export function BoardCanvas(_props: BoardCanvasProps) {
  return <div data-testid="board-canvas" />;
}

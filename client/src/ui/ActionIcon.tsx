import type { Action } from '../editor/actions';

const PATHS: Record<NonNullable<Action['icon']>, { d: string; width: number }> = {
  undo: { d: 'M5 3 L2 6 L5 9 M2 6 H10 A4 4 0 0 1 10 14 H6', width: 1.8 },
  redo: { d: 'M11 3 L14 6 L11 9 M14 6 H6 A4 4 0 0 0 6 14 H10', width: 1.8 },
  link: { d: 'M2 13 L12 3 M7 3 H12 V8', width: 2 },
  fit: { d: 'M2 6 V2 H6 M10 2 H14 V6 M14 10 V14 H10 M6 14 H2 V10', width: 2 },
};

/** An action's icon (the registry names it), drawn in the button's text colour. */
export function ActionIcon({ icon }: { icon: NonNullable<Action['icon']> }) {
  const { d, width } = PATHS[icon];
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth={width} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

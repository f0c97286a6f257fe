import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import * as RadixPopover from '@radix-ui/react-popover';
import type { PanelId } from '../editor/Editor';
import { useEditor, useValue } from '../editor/react';

/**
 * Where a panel hangs from when its own button is not shown (the header moved it into "More"):
 * that element also gets the focus back when the panel closes. Null: the panel's own button.
 */
export const PanelAnchorContext = createContext<(() => HTMLElement | null) | null>(null);

/** A panel's open state, kept by the editor so that actions (buttons, "More", keys) open it. */
export function usePanelState(id: PanelId): { open: boolean; setOpen(open: boolean): void } {
  const editor = useEditor();
  const current = useValue(editor.panel);
  return {
    open: current === id,
    setOpen: (open: boolean) => {
      if (open) editor.panel.set(id);
      else if (editor.panel.get() === id) editor.panel.set(null);
    },
  };
}

export interface PanelPopoverProps {
  /** Which panel: its open state is the editor's (`editor.panel`). */
  id: PanelId;
  /** The button's text and the panel's name. */
  label: string;
  triggerTestId: string;
  /** The panel's own class (next to `popover`) and test id. */
  className: string;
  testId: string;
  /** Called when the panel opens (a list to refresh). */
  onOpen?(): void;
  children: ReactNode;
}

/**
 * The one popover of the board page (Share, Export, History, Session), on Radix Popover:
 * non-modal, so Escape closes it, a press outside closes it and still reaches what was pressed
 * (a double-click on a card is not swallowed), and focus leaving it (Tab onto a toolbar button
 * it might cover) closes it. Focus goes back to the button that opened it, or to "More".
 */
export function PanelPopover({ id, label, triggerTestId, className, testId, onOpen, children }: PanelPopoverProps) {
  const { open, setOpen } = usePanelState(id);
  const anchor = useContext(PanelAnchorContext);
  const virtualRef = useMemo(
    () => (anchor ? { current: { getBoundingClientRect: () => (anchor() ?? document.body).getBoundingClientRect() } } : null),
    [anchor],
  );
  const pressedOutside = useRef(false);
  const latestOnOpen = useRef(onOpen);
  latestOnOpen.current = onOpen;
  useEffect(() => {
    pressedOutside.current = false;
    if (open) latestOnOpen.current?.();
  }, [open]);
  return (
    <RadixPopover.Root open={open} onOpenChange={setOpen}>
      <RadixPopover.Trigger className="button secondary panel-trigger" data-testid={triggerTestId}>
        {label}
      </RadixPopover.Trigger>
      {virtualRef && <RadixPopover.Anchor virtualRef={virtualRef} />}
      <RadixPopover.Content
        className={`${className} popover panel-popover`}
        data-testid={testId}
        aria-label={label}
        side="bottom"
        align="end"
        sideOffset={8}
        collisionPadding={8}
        onInteractOutside={() => {
          pressedOutside.current = true;
        }}
        onCloseAutoFocus={(event) => {
          // From "More": the trigger is hidden, the focus goes back to "More" (not after a press elsewhere).
          const target = anchor?.();
          if (!target || pressedOutside.current) return;
          event.preventDefault();
          target.focus();
        }}
      >
        {children}
      </RadixPopover.Content>
    </RadixPopover.Root>
  );
}

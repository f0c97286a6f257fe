import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import * as Dialog from '@radix-ui/react-dialog';

export interface SheetFormProps {
  /** The form's own class, next to `sheet`. */
  className: string;
  testId: string;
  /** The dialog's name, read out and shown as its heading. */
  title: string;
  onSubmit(event: FormEvent): void;
  /** Escape or a press on the backdrop (outside the sheet) closes it. */
  onClose(): void;
  /** Where the focus goes when it closes; absent: back where it was when the sheet opened. */
  returnFocus?(): HTMLElement | null;
  children: ReactNode;
}

/**
 * A phone's bottom sheet: a modal form over a backdrop (Radix Dialog), as the card form and the
 * rename form use. Tab stays inside it, Escape and a press on the backdrop close it, and the
 * focus goes back to what opened it.
 */
export function SheetForm({ className, testId, title, onSubmit, onClose, returnFocus, children }: SheetFormProps) {
  // What had the focus before the sheet: read while rendering, before a field's autoFocus moves it.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));
  const latest = useRef(returnFocus);
  latest.current = returnFocus;
  // Closing unmounts the sheet: the focus goes back once it is gone (the page re-rendered).
  useEffect(
    () => () => {
      const target = latest.current?.() ?? opener;
      setTimeout(() => {
        if (target?.isConnected) target.focus();
      }, 0);
    },
    [opener],
  );
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Dialog.Overlay className="sheet-backdrop">
        <Dialog.Content
          asChild
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            const target = returnFocus?.();
            if (!target) return;
            event.preventDefault();
            target.focus();
          }}
        >
          <form className={`${className} sheet`} data-testid={testId} onSubmit={onSubmit}>
            <Dialog.Title>{title}</Dialog.Title>
            {children}
          </form>
        </Dialog.Content>
      </Dialog.Overlay>
    </Dialog.Root>
  );
}

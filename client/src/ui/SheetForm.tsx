import type { FormEvent, ReactNode } from 'react';

export interface SheetFormProps {
  /** The form's own class, next to `sheet`. */
  className: string;
  testId: string;
  /** The dialog's name, read out and shown as its heading. */
  title: string;
  onSubmit(event: FormEvent): void;
  /** A press on the backdrop (outside the sheet) closes it. */
  onClose(): void;
  children: ReactNode;
}

/** A phone's bottom sheet: a modal form over a backdrop, as the card form and the rename form use. */
export function SheetForm({ className, testId, title, onSubmit, onClose, children }: SheetFormProps) {
  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <form
        className={`${className} sheet`}
        data-testid={testId}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onClick={(event) => event.stopPropagation()}
        onSubmit={onSubmit}
      >
        <h2>{title}</h2>
        {children}
      </form>
    </div>
  );
}

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { fitLevel } from './headerFit';
import { PanelAnchorContext } from './Popover';

/** The width the board title keeps (or its whole width, when shorter) before actions move into "More". */
export const TITLE_MIN_WIDTH = 160;
/** Room an item needs beyond its own width before it comes back out of the menu (no flapping at the edge). */
const RESTORE_SLACK = 8;

/** The sum of the widths of the elements marked `data-fit=key`, each with the gap of its row. */
function widthOf(header: HTMLElement, key: string): number {
  let total = 0;
  for (const element of header.querySelectorAll<HTMLElement>(`[data-fit="${key}"]`)) {
    const width = element.getBoundingClientRect().width;
    if (width <= 0) continue;
    const parent = element.parentElement;
    const gap = parent ? parseFloat(getComputedStyle(parent).columnGap) || 0 : 0;
    total += width + gap;
  }
  return total;
}

/** How wide the title may be: the header's main area less everything else in it and their gaps. */
function titleRoom(main: HTMLElement, title: HTMLElement): number {
  const gap = parseFloat(getComputedStyle(main).columnGap) || 0;
  let used = 0;
  for (const child of main.children) {
    if (child === title || !(child instanceof HTMLElement)) continue;
    const style = getComputedStyle(child);
    if (style.display === 'none' || style.position === 'absolute' || style.position === 'fixed') continue;
    used += child.getBoundingClientRect().width + gap;
  }
  return main.clientWidth - used;
}

export interface HeaderFitOptions {
  /** Labels change width with the language: a new key starts again from everything visible. */
  resetKey: string;
  /** The steps whose items go into "More" (the others are only hidden). */
  inMenu: readonly string[];
  /** "More" is there whatever the level (it holds actions that never are in the row). */
  menuAlways: boolean;
}

/**
 * How many of `steps` (cheapest to lose first) the header applies so that everything fits in one
 * row with the title at least TITLE_MIN_WIDTH wide. A step is the elements marked `data-fit=step`:
 * they are hidden or moved into the "More" menu while the step applies. The widths are measured
 * (ResizeObserver on the header and its items), not guessed from the window's width; "More"
 * itself takes room when it appears and frees it when it goes (see fitLevel).
 */
export function useHeaderFit(headerRef: RefObject<HTMLElement | null>, steps: readonly string[], options: HeaderFitOptions): number {
  const { resetKey, inMenu, menuAlways } = options;
  const [level, setLevel] = useState(0);
  const costs = useRef<number[]>([]);
  const moreWidth = useRef(0);
  const levelRef = useRef(level);
  levelRef.current = level;

  useLayoutEffect(() => {
    costs.current = [];
    moreWidth.current = 0;
    setLevel(0);
  }, [resetKey]);

  const check = useCallback(() => {
    const header = headerRef.current;
    const main = header?.querySelector<HTMLElement>('.page-header-main');
    const title = main?.querySelector<HTMLElement>('.board-title');
    if (!header || !main || !title) return;
    const current = levelRef.current;
    // The steps not applied are in the row: their widths are measured now.
    for (let step = current; step < steps.length; step++) costs.current[step] = widthOf(header, steps[step]!);
    const more = main.querySelector<HTMLElement>(':scope > .more-menu');
    if (more) moreWidth.current = more.getBoundingClientRect().width + (parseFloat(getComputedStyle(main).columnGap) || 0);
    const next = fitLevel({
      room: titleRoom(main, title),
      want: Math.min(title.scrollWidth, TITLE_MIN_WIDTH),
      level: current,
      steps: steps.length,
      costs: costs.current,
      moreAt: (at) => menuAlways || steps.slice(0, at).some((step) => inMenu.includes(step)),
      moreWidth: moreWidth.current,
      slack: RESTORE_SLACK,
    });
    if (next !== current) {
      levelRef.current = next;
      setLevel(next);
    }
  }, [headerRef, steps, inMenu, menuAlways]);

  // After every render (a label may have changed), and whenever the header or one of its items resizes.
  useLayoutEffect(check);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    let frame = 0;
    const resized = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(check);
    });
    observer.current = resized;
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      observer.current = null;
    };
  }, [check]);
  useEffect(() => {
    const header = headerRef.current;
    const main = header?.querySelector('.page-header-main');
    if (!header || !main || !observer.current) return;
    observer.current.observe(header);
    observer.current.observe(main);
    for (const child of main.children) observer.current.observe(child);
  });
  return level;
}

/**
 * While `active`, a press anywhere outside the element `inside()` returns (anywhere at all when
 * it returns null) calls `dismiss`: a menu or a panel closes.
 */
function useOutsidePress(active: boolean, inside: () => Element | null, dismiss: () => void): void {
  // The latest callbacks, without listening again on every render.
  const latest = useRef({ inside, dismiss });
  latest.current = { inside, dismiss };
  useEffect(() => {
    if (!active) return;
    const onPointer = (event: PointerEvent) => {
      const element = latest.current.inside();
      if (!element?.contains(event.target as Node)) latest.current.dismiss();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [active]);
}

export interface MenuAction {
  key: string;
  label: string;
  title?: string;
  disabled?: boolean;
  testId?: string;
  /** Runs after the menu closed. Returns true when it moved the focus itself (a panel opened). */
  onSelect(): boolean | void;
}

/** The menu's items: one tab stop (the focused item), each closes the menu when chosen. */
function MenuItems({
  actions,
  focusIndex,
  onFocusIndex,
  items,
  onChosen,
}: {
  actions: readonly MenuAction[];
  focusIndex: number;
  onFocusIndex(index: number): void;
  items: RefObject<Array<HTMLButtonElement | null>>;
  onChosen(action: MenuAction): void;
}) {
  return (
    <>
      {actions.map((action, index) => (
        <button
          key={action.key}
          ref={(element) => {
            items.current[index] = element;
          }}
          type="button"
          role="menuitem"
          tabIndex={index === focusIndex ? 0 : -1}
          className="more-menu-item"
          data-testid={action.testId ?? `more-${action.key}`}
          title={action.title}
          disabled={action.disabled}
          onFocus={() => onFocusIndex(index)}
          onClick={() => onChosen(action)}
        >
          {action.label}
        </button>
      ))}
    </>
  );
}

/** The menu button's and the menu's keys (WAI-ARIA menu button pattern). */
function menuKeys({
  open,
  focusIndex,
  last,
  openAt,
  close,
  setFocusIndex,
  setOpen,
}: {
  open: boolean;
  focusIndex: number;
  last: number;
  openAt(index: number): void;
  close(refocus: boolean): void;
  setFocusIndex(index: number): void;
  setOpen(open: boolean): void;
}) {
  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ' || event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(last);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close(true);
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: focusIndex >= last ? 0 : focusIndex + 1,
      ArrowUp: focusIndex <= 0 ? last : focusIndex - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      setFocusIndex(next);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };
  return { onButtonKey, onMenuKey };
}

/**
 * "More": the header's actions that do not fit, as a menu button (WAI-ARIA menu button pattern).
 * Enter, Space or ArrowDown open it on the first item, ArrowUp on the last; arrows, Home and End
 * move between items; Escape closes and returns to the button; a click elsewhere closes it.
 */
export function MoreMenu({ actions }: { actions: readonly MenuAction[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const menuId = useId();

  const openAt = (index: number) => {
    setFocusIndex(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useLayoutEffect(() => {
    if (open) items.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  useOutsidePress(
    open,
    () => wrapper.current,
    () => setOpen(false),
  );

  if (actions.length === 0) return null;
  const last = actions.length - 1;

  const { onButtonKey, onMenuKey } = menuKeys({ open, focusIndex, last, openAt, close, setFocusIndex, setOpen });

  return (
    <div className="more-menu" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className={`button secondary more-button${open ? ' is-open' : ''}`}
        data-testid="more-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={t('header.moreHint')}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {t('header.more')}
        <span className="more-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="more-menu-list popover" role="menu" id={menuId} aria-label={t('header.more')} data-testid="more-menu" onKeyDown={onMenuKey}>
          <MenuItems
            actions={actions}
            focusIndex={focusIndex}
            onFocusIndex={setFocusIndex}
            items={items}
            onChosen={(action) => {
              setOpen(false);
              if (!action.onSelect()) button.current?.focus();
            }}
          />
        </div>
      )}
    </div>
  );
}

/** "More" of the header that holds `element`: where a panel whose button is in the menu hangs from. */
function moreButtonNear(element: HTMLElement | null): HTMLElement | null {
  return element?.closest('header')?.querySelector<HTMLElement>('.more-button') ?? null;
}

/**
 * One of the header's panels (a PanelPopover with its own button): in the row, or, when it does
 * not fit, without its button (the "More" menu opens it through its action), the panel hanging
 * from "More", which gets the focus back when it closes.
 */
export function HeaderSlot({ fitKey, overflowed, children }: { fitKey: string; overflowed: boolean; children: ReactNode }) {
  const slot = useRef<HTMLSpanElement>(null);
  const anchor = useCallback(() => moreButtonNear(slot.current), []);
  return (
    <span ref={slot} className={`header-slot${overflowed ? ' is-overflowed' : ''}`} data-fit={fitKey}>
      <PanelAnchorContext.Provider value={overflowed ? anchor : null}>{children}</PanelAnchorContext.Provider>
    </span>
  );
}

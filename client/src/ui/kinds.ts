import { CARD_FONTS, LINK_STYLE } from '@benchlearn/shared';

/**
 * A card's look lives in shared/src/layout (one layout for the canvas and every export): these
 * are its tokens under the names the canvas's other parts (editor, toolbar, legend) use, plus
 * what only the canvas draws (selection, link handle).
 */
export { AUTHOR_H, BODY_LINE_HEIGHT, BODY_PAD, CARD_RADIUS, FONT_FAMILY, HEADER_H, KIND_COLORS, KIND_FILLS, KIND_ICONS, bodyBox } from '@benchlearn/shared';

export const BODY_FONT_SIZE = CARD_FONTS.body.size;
export const LINK_COLOR = LINK_STYLE.color;
export const SELECTION_COLOR = '#1a73e8';
/** Others' selections while the board is anonymous: no one's own colour (which their avatar shows). */
export const ANONYMOUS_PEER_COLOR = '#757575';
/** The finder's mark on a matching card. */
export const HIGHLIGHT_COLOR = '#ffb300';

/** Where a card's link handle sits: just outside the right edge, clear of the resize anchor. */
export const LINK_HANDLE_GAP = 16;
export const LINK_HANDLE_RADIUS = 8;

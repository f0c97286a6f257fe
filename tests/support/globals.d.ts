/** The few parts of the app's Konva stage the end-to-end tests read (see docs/testing-hooks.md). */
interface CanvasNode {
  id(): string;
  hasName(name: string): boolean;
  getClientRect(): { x: number; y: number; width: number; height: number };
}
interface CanvasStage {
  find(selector: string): CanvasNode[];
  findOne(match: (node: CanvasNode) => boolean): CanvasNode | undefined;
  container(): HTMLElement;
}

declare global {
  interface Window {
    /** The open board: `board.content` holds cards and links, `board.control` meta, frames and the session. */
    __benchlearn?: { stage: CanvasStage | null; board: { content: unknown; control: unknown }; awareness: unknown; drawnCards?: () => string[] };
    /** Close codes of the page's WebSockets, when a test records them (trust-browser.test.ts). */
    __closeCodes?: number[];
  }
}
export {};

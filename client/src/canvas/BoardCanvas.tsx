import { memo, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { Layer, Stage } from 'react-konva';
import type Konva from 'konva';
import { useTranslation } from 'react-i18next';
import { useEditor, useValue } from '../editor/react';
import { Legend } from './Legend';
import { SelectionTools, Toolbar, ViewerZoom } from './Toolbar';
import { CardEditor } from './CardEditor';
import { CardVoteControls } from './CardVoteControls';
import { CardsLayerContent } from './CardView';
import { CanvasController } from './controller';
import { FrameHandlesLayerContent, FramePanel } from './FrameTools';
import { FramesLayerContent } from './FramesLayer';
import { ProjectorViewHook } from './ProjectorViewHook';
import { LinkLabelEditor } from './LinkLabelEditor';
import { LinksLayerContent } from './LinkView';
import { PresenceLayerContent } from './PresenceLayer';
import { useSignal } from '../editor/stores';
import { ToolsLayerContent } from './ToolsLayer';
import type { ToastText } from './toasts';
import './canvas.css';

export interface BoardCanvasProps {
  /** A facilitator on an editable board: frames can be added, moved, resized, renamed, deleted. */
  canEditFrames?: boolean;
  /**
   * Both of the board's documents have synced with the server. Until then the first view keeps
   * fitting what arrives: cards and frames come in two documents, one after the other.
   */
  synced?: boolean;
}

function Toast({ ctl }: { ctl: CanvasController }) {
  const { t } = useTranslation('canvas');
  const toast = useSignal(ctl.toasts.toast);
  const words = (text: ToastText): string => {
    switch (text.kind) {
      case 'refusal':
        return t(`link.refusal.${text.reason}`);
      case 'pick-lesson':
        return t('link.pickLesson');
      case 'linked':
        return t('link.linked');
      case 'already-linked':
        return t('link.alreadyLinked');
    }
  };
  return (
    <div className="bl-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div key={toast.key} className="bl-toast" data-testid="canvas-toast">
          {words(toast.text)}
        </div>
      ) : null}
    </div>
  );
}

/**
 * Starts the controller on the mounted stage: sizes it with the element, mirrors whom the camera
 * follows into the editor, and exposes the stage to end-to-end tests (docs/testing-hooks.md).
 */
function useMounted(ctl: CanvasController, containerRef: RefObject<HTMLDivElement | null>, stageRef: RefObject<Konva.Stage | null>): void {
  useLayoutEffect(() => {
    const container = containerRef.current;
    const stage = stageRef.current;
    if (!container || !stage) return;
    ctl.start();
    const unmount = ctl.mount(container, stage);
    // Arriving on a board (or after the name dialog), the keyboard starts on the canvas, not the top of the page.
    if (!ctl.editor.presentation && container.ownerDocument.activeElement === container.ownerDocument.body) container.focus({ preventScroll: true });
    const measure = () => ctl.camera.setSize({ width: container.clientWidth, height: container.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    const following = () => ctl.editor.following.set(ctl.camera.following.get());
    const stopFollowing = ctl.camera.following.subscribe(following);
    const hook = window.__benchlearn;
    const drawnCards = () => ctl.lodScene.drawnCardIds();
    if (hook) {
      hook.stage = stage;
      hook.drawnCards = drawnCards;
    }
    return () => {
      observer.disconnect();
      stopFollowing();
      unmount();
      ctl.stop();
      if (hook && hook.stage === stage) hook.stage = null;
      if (hook && hook.drawnCards === drawnCards) delete hook.drawnCards;
    };
  }, [ctl, containerRef, stageRef]);
}

/**
 * The board canvas: a view over the board's documents. Layers, bottom to top: frames (static),
 * links, cards, tools (resize and link handles, marquee), others' cursors. The controller holds
 * the behaviour; these components subscribe narrowly to what they draw. Memoised: the page
 * re-renders with the workshop's view of every card change, the canvas need not.
 */
export const BoardCanvas = memo(function BoardCanvas(props: BoardCanvasProps) {
  const editor = useEditor();
  const { presentation } = editor;
  const readOnly = useValue(editor.readOnly);
  const { t } = useTranslation('canvas');
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const canEditFrames = Boolean(props.canEditFrames) && !readOnly && !presentation;
  const controllerProps = { canEditFrames, synced: props.synced ?? true };
  // One controller per editor; made in state so StrictMode's double render reuses it.
  const [ctl, setCtl] = useState(() => new CanvasController(editor, controllerProps));
  if (ctl.editor !== editor) setCtl(new CanvasController(editor, controllerProps));
  useLayoutEffect(() => {
    ctl.setProps(controllerProps);
  });
  useMounted(ctl, containerRef, stageRef);

  const editable = !readOnly && !presentation;
  const linkTool = useSignal(ctl.linkTool);
  return (
    <div className={presentation ? 'bl-canvas-root bl-presentation' : 'bl-canvas-root'}>
      <div
        ref={containerRef}
        className={linkTool ? 'bl-canvas bl-link-mode' : 'bl-canvas'}
        data-testid="board-canvas"
        tabIndex={0}
        role="application"
        aria-label={t('canvasLabel')}
        aria-roledescription={t('canvasRole')}
        onPointerDown={(e) => ctl.gestures.onContainerPointerDown(e.nativeEvent)}
        onPointerMove={(e) => ctl.gestures.onContainerPointerMove(e.nativeEvent)}
        onPointerLeave={() => ctl.gestures.onContainerPointerLeave()}
      >
        <Stage ref={stageRef} width={1} height={1}>
          <Layer listening={false}>
            <FramesLayerContent ctl={ctl} presentation={presentation} />
          </Layer>
          {canEditFrames ? (
            <Layer>
              <FrameHandlesLayerContent ctl={ctl} />
            </Layer>
          ) : null}
          <Layer>
            <LinksLayerContent ctl={ctl} />
          </Layer>
          <Layer>
            <CardsLayerContent ctl={ctl} />
          </Layer>
          <Layer>
            <ToolsLayerContent ctl={ctl} />
          </Layer>
          <Layer listening={false}>
            <PresenceLayerContent ctl={ctl} presentation={presentation} />
          </Layer>
        </Stage>
        {editable ? <CardEditor ctl={ctl} /> : null}
        {editable ? <LinkLabelEditor ctl={ctl} /> : null}
        <Toast ctl={ctl} />
        {presentation ? <ProjectorViewHook ctl={ctl} /> : null}
      </div>
      {/* Beside the canvas element, not in it: Tab from the canvas reaches it, and Enter presses it (no canvas key). */}
      {editable ? <CardVoteControls ctl={ctl} /> : null}
      {canEditFrames ? <FramePanel ctl={ctl} /> : null}
      {editable ? <Toolbar ctl={ctl} /> : presentation ? null : <ViewerZoom ctl={ctl} />}
      {editable ? <SelectionTools /> : null}
      {presentation ? null : <Legend />}
    </div>
  );
});

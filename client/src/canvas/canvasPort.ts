import type { CanvasPort } from '../editor/Editor';
import { boardCenter } from '../editor/viewport';
import { measureText } from '../ui/measure';
import type { CanvasController } from './controller';

/** What the editor's actions reach of the canvas while it is mounted: the camera and the canvas-only tools. */
export function canvasPort(ctl: CanvasController): CanvasPort {
  return {
    viewCenter: () => (ctl.size.get().width > 0 ? boardCenter(ctl.view.get(), ctl.size.get()) : null),
    zoomStep: (factor) => ctl.camera.zoomStep(factor),
    fit: (byUser) => ctl.camera.fit(byUser),
    focusCard: (id) => ctl.camera.focusCard(id),
    follow: (userId) => ctl.camera.follow(userId),
    openEditor: (id, reveal) => ctl.openEditor(id, reveal),
    focus: () => ctl.focusCanvas(),
    toggleLinkTool: () => ctl.toggleLinkTool(),
    addFrame: (title) => ctl.frames.addFrame(title),
    selectedFrame: () => ctl.frames.selectedFrame.get(),
    deleteSelectedFrame: () => ctl.frames.deleteSelectedFrame(),
    measureText,
    openLinkLabel: (id) => ctl.linkExtras.open(id),
    cancel: (deselect) => {
      ctl.linkFrom.set(null);
      ctl.rubberBand.set(null);
      if (ctl.linkTool.get()) ctl.linkTool.set(false);
      else if (deselect && ctl.editor.selection.size > 0) ctl.select([]);
    },
  };
}

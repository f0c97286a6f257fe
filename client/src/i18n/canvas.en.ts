/** Strings of the canvas, toolbar and tools (namespace `canvas`). */
const canvas = {
  canvasLabel:
    'Board canvas. Keys: arrows move the selected cards, Enter edits the selected card, Delete removes it, + and - zoom, ? lists every key. Mouse: drag to pan, Ctrl + wheel to zoom. The outline lists every card and links them.',
  canvasRole: 'board canvas',
  kinds: { success: 'Success', problem: 'Problem', lesson: 'Lesson', note: 'Note' },
  card: {
    emptyHint: 'Double-click to write',
  },
  toolbar: {
    label: 'Board tools',
    add: {
      success: 'Add a success',
      problem: 'Add a problem',
      lesson: 'Add a lesson',
      note: 'Add a note',
    },
    linkTool: 'Link',
    linkToolHint: 'Link tool: click a success, problem or note, then a lesson',
    undo: 'Undo',
    undoHint: 'Undo your last change (Ctrl+Z)',
    redo: 'Redo',
    redoHint: 'Redo (Ctrl+Shift+Z)',
    delete: 'Delete',
    deleteHint: 'Delete the selected cards and links (Delete)',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Show the whole board',
    zoomLevel: 'Zoom {{percent}}%',
    kind: 'Kind of the selected card',
  },
  frames: {
    add: '+ Frame',
    addHint: 'Add a frame: a titled area to group cards (facilitators)',
    newTitle: 'New frame',
    panel: 'Selected frame',
    title: 'Frame title',
    delete: 'Delete frame',
    deleteHint: 'Delete the frame; the cards in it stay on the board',
    done: 'Done',
  },
  legend: {
    label: 'Kinds of cards',
  },
  editor: {
    label: 'Text of the card',
  },
  link: {
    pickLesson: 'Now click the lesson to link to.',
    linked: 'Linked.',
    alreadyLinked: 'These cards are already linked.',
    refusal: {
      'missing-card': 'That card is no longer on the board.',
      'self-link': 'A card cannot link to itself.',
      'not-to-lesson': 'Links go to a lesson card.',
      'not-from-linkable': 'A link starts at a success, problem or note, not at a lesson.',
    },
  },
  actions: {
    addCard: 'Add a card',
    editCard: 'Edit the selected card',
    selectAll: 'Select all cards',
    nudge: 'Move the selected cards (Shift: further)',
    cancel: 'Stop linking, clear the selection',
  },
  keys: {
    delete: 'Delete',
    backspace: 'Backspace',
    enter: 'Enter',
    arrows: 'Arrow keys',
    escape: 'Esc',
    mod: 'Ctrl',
    shift: 'Shift',
  },
  shortcuts: {
    open: 'Keyboard shortcuts',
    title: 'Keyboard shortcuts',
    close: 'Close',
    action: 'Action',
    keys: 'Keys',
    /** Between two keys that do the same. */
    or: 'or',
  },
};
export default canvas;

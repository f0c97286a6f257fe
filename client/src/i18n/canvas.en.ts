/** Strings of the canvas, toolbar and tools (namespace `canvas`). */
const canvas = {
  placeholder: 'Board',
};
export default canvas;

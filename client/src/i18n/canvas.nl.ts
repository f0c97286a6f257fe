import type en from './canvas.en';

const canvas: typeof en = {
  placeholder: 'Bord',
};
export default canvas;

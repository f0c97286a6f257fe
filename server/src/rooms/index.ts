export * from './room';
export * from './board';
export * from './manager';
export * from './messages';
export { boardFromStorage, documentFromRows, encodeBoard } from './storedRows';
export * from './clusterPort';

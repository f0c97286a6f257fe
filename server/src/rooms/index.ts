export * from './room';
export * from './manager';
export * from './messages';
export { documentFromRows } from './storedRows';

export * from './room';
export * from './manager';
export * from './messages';

export * from './model';
export * from './protocol';
export * from './board';
export * from './migrate';
export * from './export';
export * from './layout';
export * from './library';

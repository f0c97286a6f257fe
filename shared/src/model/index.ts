export * from './ids';
export * from './schemas';
export * from './export';

export * from './ids';
export * from './schemas';

export * from './route';
export * from './connection';

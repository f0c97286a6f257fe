export * from './closeCodes';
export * from './limits';
export * from './roles';
export * from './routes';
export * from './room';

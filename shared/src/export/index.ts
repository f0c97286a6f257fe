export * from './errors';
export * from './json';
export * from './markdown';
export * from './csv';
export * from './svg';
export * from './strings';

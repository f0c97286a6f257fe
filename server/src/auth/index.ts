export * from './tokens';
export * from './access';

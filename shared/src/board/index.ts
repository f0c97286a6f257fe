export * from './doc';
export * from './order';
export * from './read';
export * from './cards';
export * from './links';
export * from './frames';
export * from './templates';
export * from './create';

export * from './style';
export * from './text';
export * from './card';
export * from './link';

export * from './schema';
export * from './run';

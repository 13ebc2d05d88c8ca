export * from './schema';
export * from './run';
export * from './fromCommands';
export * from './link';
export * from './runMulti';

export * from './errors.js';
export * from './commands.js';
export * from './views.js';
export type * from './events.js';

export * from './errors.js';
export * from './commands.js';
export * from './views.js';
export type * from './events.js';
export * from './tables.js';
export * from './devices.js';
export * from './admin.js';
export * from './reports.js';
export * from './province.js';

export * from './domain/index.js';
export * from './protocol/index.js';
export * from './voice/index.js';
export * from './print/index.js';
export * from './sync/index.js';

export * from './live-state.js';
export * from './merge.js';
export * from './pairing.js';

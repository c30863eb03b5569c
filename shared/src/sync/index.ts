export * from './live-state.js';

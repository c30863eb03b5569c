export * from './model.js';
export * from './states.js';
export * from './numbering.js';
export * from './policy.js';
export * from './estimate.js';
export * from './labels.js';
export * from './quantile.js';

export * from './fixtures.js';
export * from './csv.js';

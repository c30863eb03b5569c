/**
 * What tests and benchmarks in several workspaces need of Node: the one way to launch Debian's
 * Chromium on a machine with loopback only, and a child process started as its npm script would
 * be, waited on until it says where it listens. Imported as `@layso/node-shared/testing`.
 */
export { CHROMIUM_PATH, CHROMIUM_ARGS, CHROMIUM_OFFLINE_ARGS } from './chromium.js';
export { spawnListening, type ListeningProcess } from './spawn-listening.js';

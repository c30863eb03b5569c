// Timers exist in every host shared runs in (Node, browsers, Electron); shared uses no other host
// API, so it declares just these instead of taking Node's or the DOM's types.
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

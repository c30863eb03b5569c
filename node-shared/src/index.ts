/**
 * The node-only half of what the server and the kiosk's Electron main share: the network
 * printer's sockets and timers, and the canvas that draws tickets. `@layso/shared` stays pure
 * (no I/O, no timers); this package is where its contracts meet Node.
 */
export { JobPrinter } from './job-printer.js';
export { TcpPrinter, type TcpPrinterOptions, type PrinterSocket, type PrinterConnector } from './tcp-printer.js';
export { registerTicketFont, renderTicketBitmap, renderTicketBytes } from './ticket-canvas.js';

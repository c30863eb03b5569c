/** A network printer (TCP 9100) from the kiosk PC: shared's protocol over Node's sockets. */
import { connect } from 'node:net';
import { TcpPrinter as SharedTcpPrinter, type TcpPrinterOptions } from '@layso/shared';

export class TcpPrinter extends SharedTcpPrinter {
  constructor(options: Omit<TcpPrinterOptions, 'connect'>) {
    super({ ...options, connect: (address) => connect(address) });
  }
}

/**
 * What every physical ticket printer does the same way, whatever its cable: one job at a time on
 * the device, a connection opened for each job and closed after it, the printer's status asked
 * before the job (a known fault refuses it) and after (paper that ran out during the job means the
 * ticket may be cut short, so it counts as not printed). The TCP and USB printers say only how
 * to open, talk and close.
 */
import { printerErrorForStatus, type PrinterStatus, type TicketPrinter } from '@layso/shared';

export abstract class JobPrinter<Connection> implements TicketPrinter {
  /** One job at a time: two tickets must never interleave on one roll of paper. */
  private queue: Promise<unknown> = Promise.resolve();

  abstract describe(): string;
  protected abstract open(): Promise<Connection>;
  protected abstract close(connection: Connection): void;
  protected abstract send(connection: Connection, bytes: Uint8Array): Promise<void>;
  /**
   * The printer's status as it answers now; null where it is not to be asked around a job (a
   * printer set up as one-way). `status()` always asks.
   */
  protected abstract readStatus(connection: Connection, aroundJob: boolean): Promise<PrinterStatus | null>;
  /** Told every status read, for the kiosk's and the manager's alerts. */
  protected abstract onStatus(status: PrinterStatus): void;

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async checked(connection: Connection, aroundJob: boolean): Promise<PrinterStatus | null> {
    const status = await this.readStatus(connection, aroundJob);
    if (status) this.onStatus(status);
    return status;
  }

  private async refuseOnFault(connection: Connection): Promise<void> {
    const status = await this.checked(connection, true);
    const fault = status && printerErrorForStatus(status, this.describe());
    if (fault) throw fault;
  }

  private withConnection<T>(task: (connection: Connection) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const connection = await this.open();
      try {
        return await task(connection);
      } finally {
        this.close(connection);
      }
    });
  }

  /** The status now; a printer that cannot say is taken as ready. */
  status(): Promise<PrinterStatus> {
    return this.withConnection(async (c) => (await this.checked(c, false)) ?? READY);
  }

  print(bytes: Uint8Array): Promise<void> {
    return this.withConnection(async (c) => {
      await this.refuseOnFault(c);
      await this.send(c, bytes);
      await this.refuseOnFault(c);
    });
  }
}

const READY: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false };

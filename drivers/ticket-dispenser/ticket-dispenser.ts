import type { Clock } from '../../domain/clock';
import type { PrintDocument } from '../printer/document';
import type { EscPosPrinter, PrintResult } from '../printer/escpos-printer';
import type { PresenterModel } from './presenter-model';

/**
 * How often the presenter sensor is asked whether the ticket is still there. A citizen takes a
 * ticket in a second or two; half a second notices it promptly with little traffic.
 */
export const TICKET_TAKEN_POLL_MS = 500;

export type DispenseOutcome =
  /** Printed and cut; no presenter, or one that cannot tell when the ticket is taken. */
  | 'printed'
  | 'taken'
  /** Not taken within the model's retractAfterMs, pulled back in. */
  | 'retracted'
  /** The presenter stopped answering while we waited; the ticket was printed. */
  | 'presented-unknown';

export type DispenseResult =
  { ok: true; outcome: DispenseOutcome; alreadyPrinted?: true } | (PrintResult & { ok: false });

/**
 * The queue-ticket role: prints on its own printer or on the receipt printer shared with it (the
 * printer's queue keeps jobs whole either way), then drives the presenter if the model has one.
 * A ticket already printed under a job id is never printed again (the printer remembers job ids).
 */
export class TicketDispenser {
  constructor(
    readonly printer: EscPosPrinter,
    private readonly opts: { clock: Clock; presenter?: PresenterModel },
  ) {}

  get hasPresenter(): boolean {
    return this.opts.presenter !== undefined;
  }

  async dispense(doc: PrintDocument, jobId: string): Promise<DispenseResult> {
    const printed = await this.printer.print(doc, { jobId });
    if (!printed.ok) return printed;
    if ('alreadyPrinted' in printed) return { ok: true, outcome: 'printed', alreadyPrinted: true };
    const presenter = this.opts.presenter;
    if (!presenter) return { ok: true, outcome: 'printed' };
    const ejected = await this.printer.sendCommand(presenter.ejectCommand);
    if (!ejected.ok) return { ok: true, outcome: 'presented-unknown' };
    if (!presenter.takenDetection) return { ok: true, outcome: 'printed' };
    return { ok: true, outcome: await this.waitUntilTaken(presenter) };
  }

  private async waitUntilTaken(presenter: PresenterModel): Promise<DispenseOutcome> {
    const detection = presenter.takenDetection!;
    const started = this.opts.clock.now();
    for (;;) {
      const reply = await this.printer.queryByte(detection.query);
      if (!reply.ok) return 'presented-unknown';
      if ((reply.byte & detection.ticketPresentMask) === 0) return 'taken';
      if (presenter.retractAfterMs > 0 && this.opts.clock.now() - started >= presenter.retractAfterMs) {
        const retracted = await this.printer.sendCommand(presenter.retractCommand);
        return retracted.ok ? 'retracted' : 'presented-unknown';
      }
      await new Promise<void>((resolve) => this.opts.clock.setTimeout(resolve, TICKET_TAKEN_POLL_MS));
    }
  }
}

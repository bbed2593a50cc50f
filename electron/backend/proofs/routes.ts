import type { FastifyInstance } from 'fastify';
import type { SimulatedIppPrinter } from '../../../drivers/a4-printer/simulated-ipp-printer';
import { registerEndpoints } from '../api/endpoint-routes';
import type { KioskLogger } from '../logging/logger';
import { developerA4PrinterEndpoints, proofEndpoints } from './contract';
import type { ProofPrinting } from './service';

/** The certificate routes (证明), from the endpoint table; the simulated printer's controls in development. */
export function registerProofRoutes(
  app: FastifyInstance,
  proofs: Pick<ProofPrinting, 'items' | 'print' | 'job'>,
  options: { logger: KioskLogger; simulated: boolean; simulatedPrinter: SimulatedIppPrinter | undefined },
): void {
  registerEndpoints(
    app,
    proofEndpoints,
    {
      items: () => proofs.items(),
      print: ({ body }) => proofs.print(body.itemCode),
      job: () => Promise.resolve({ ok: true as const, value: { job: proofs.job() } }),
    },
    options,
  );
  // Offered on every simulated kiosk (like the other developer controls); without a simulated A4
  // printer configured they answer not-found.
  const sim = options.simulatedPrinter;
  const none = {
    ok: false as const,
    code: 'not-found' as const,
    detail: 'no simulated A4 printer configured',
  };
  registerEndpoints(
    app,
    developerA4PrinterEndpoints,
    {
      setA4PrinterState: ({ body }) => {
        if (!sim) return Promise.resolve(none);
        sim.setFault(body.state === 'ready' ? null : body.state);
        if (body.jamNextJob) sim.jamNextJob(1);
        return Promise.resolve({ ok: true as const, value: {} });
      },
      a4Output: () =>
        Promise.resolve(
          sim
            ? {
                ok: true as const,
                value: { jobs: sim.output().map((o) => ({ jobName: o.jobName, bytes: o.pdf.length })) },
              }
            : none,
        ),
    },
    options,
  );
}

import type { SimulatedIppPrinter } from '../../../drivers/a4-printer/simulated-ipp-printer';
import type { KioskModule } from '../kiosk-module';
import { registerProofRoutes } from './routes';
import { ProofPrinting, type ProofPrintingDeps } from './service';

export interface ProofsModule extends KioskModule {
  readonly proofs: ProofPrinting;
}

/**
 * Certificates printed at once (即办可打印 证明) on the A4 printer, for the card holder. What is
 * held (the job's progress, a key waiting at a jammed printer) belongs to one citizen and goes with
 * the session; a job still waiting at the printer is withdrawn then.
 */
export function createProofsModule(
  deps: ProofPrintingDeps & { simulated: boolean; simulatedPrinter: SimulatedIppPrinter | undefined },
): ProofsModule {
  const proofs = new ProofPrinting(deps);
  return {
    name: 'proofs',
    proofs,
    onSessionChange: () => proofs.reset(),
    routes: (app) =>
      registerProofRoutes(app, proofs, {
        logger: deps.logger,
        simulated: deps.simulated,
        simulatedPrinter: deps.simulatedPrinter,
      }),
    close: () => proofs.reset(),
  };
}

/**
 * The certificate calls and what they do to the store. Loaded with the screen: the contract's
 * schemas stay out of the initial bundle.
 */
import { proofEndpoints, type PrintableProof } from '../../../../electron/backend/proofs/contract';
import { endpointClient } from '../../api/endpoint-client';
import { whileSameSession } from '../../state/session-epoch';
import { runProofsRequest as run, useProofsStore } from './proofsStore';

const client = endpointClient(proofEndpoints);

export function loadProofs(): Promise<void> {
  return run(
    () => client.items(),
    (v) => useProofsStore.setState({ items: v.items, printer: v.printer }),
  );
}

export function chooseProof(item: PrintableProof): void {
  useProofsStore.setState({ chosen: item, view: 'confirm', error: null });
}

export function backToList(): void {
  useProofsStore.setState({ chosen: null, view: 'list', job: null, printed: null, error: null });
}

/**
 * Prints the chosen certificate; the answer comes once the printer has finished (or stopped).
 * A retry after a fault asks for the same certificate: the backend finishes the same job.
 */
export async function printChosen(): Promise<void> {
  const chosen = useProofsStore.getState().chosen;
  if (!chosen) return;
  useProofsStore.setState({ view: 'printing', job: null, error: null });
  await run(
    () => client.print({ body: { itemCode: chosen.itemCode } }),
    (v) =>
      useProofsStore.setState(
        v.outcome === 'printed'
          ? { view: 'done', printed: v.proof, printer: v.printer }
          : { view: 'fault', printer: v.printer },
      ),
  );
  // A refusal (no network, the card gone) goes back to the confirmation with the reason.
  if (useProofsStore.getState().error !== null) useProofsStore.setState({ view: 'confirm' });
}

/** One look at the job under way, for the progress line. */
export async function pollJob(): Promise<void> {
  await whileSameSession(
    () => client.job(),
    (r) => {
      if (r.ok && useProofsStore.getState().view === 'printing')
        useProofsStore.setState({ job: r.value.job });
    },
  );
}

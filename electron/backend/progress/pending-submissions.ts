import type { LocalizedText } from '../api/contract';
import type { ProgressPending } from './contract';
import type { PendingSubmissions } from './service';

/** As much of the apply journey's local applications (apply/application-store.ts) as progress reads. */
export interface LocalApplicationRows {
  forCitizen(citizenRef: string): {
    localRef: string;
    itemCode: string;
    itemName: LocalizedText;
    state: 'queued' | 'submitted' | 'rejected';
    createdAt: number;
  }[];
}

/**
 * Applications submitted at this kiosk that still wait in its outbox ("submitted here, waiting for
 * the network"). Once the central acknowledges one it has a case number and is listed as a case;
 * one the central refused is the apply journey's to explain, not a case in progress.
 */
export function pendingSubmissions(applications: LocalApplicationRows): PendingSubmissions {
  return {
    pendingFor: (citizenRef): ProgressPending[] =>
      applications
        .forCitizen(citizenRef)
        .filter((a) => a.state === 'queued')
        .map((a) => ({
          kind: 'pending',
          localId: `${a.localRef}-${a.itemCode}`,
          itemCode: a.itemCode,
          itemName: a.itemName,
          submittedAt: new Date(a.createdAt).toISOString(),
        })),
  };
}

/**
 * The progress calls and what they do to the store. Loaded with the screen: the contract's schemas
 * stay out of the initial bundle.
 */
import type { ProgressList } from '../../../../electron/backend/progress/contract';
import { whileSameSession } from '../../state/session-epoch';
import { progressApi } from './progressApi';
import { runProgressRequest as run, useProgressStore } from './progressStore';

/** Asks the backend for the citizen's cases (it asks the central); progress and errors in the footer. */
export function loadList(): Promise<void> {
  return run(
    () => progressApi.list(true),
    (v) => useProgressStore.setState({ list: v.list }),
  );
}

export function printNotice(caseId: string): Promise<void> {
  return run(
    () => progressApi.notice(caseId),
    ({ ok: _ok, ...result }) => useProgressStore.setState({ notice: { caseId, result } }),
  );
}

function statusOf(list: ProgressList | null, caseNumber: string): string | undefined {
  const entry = list?.entries.find((e) => e.kind === 'case' && e.caseNumber === caseNumber);
  return entry?.kind === 'case' ? entry.status : undefined;
}

/**
 * A live update: the backend already holds the new state, so no spinner and no round trip to the
 * central. A status that differs from the one on screen is announced.
 */
async function applyLive(change: { seq: number; caseNumber: string; status: string }): Promise<void> {
  await whileSameSession(
    () => progressApi.list(false),
    (r) => {
      if (!r.ok) return;
      const was = statusOf(useProgressStore.getState().list, change.caseNumber);
      const now = statusOf(r.value.list, change.caseNumber);
      useProgressStore.setState({
        list: r.value.list,
        ...(now !== undefined && now !== was
          ? { announcement: { seq: change.seq, caseNumber: change.caseNumber, status: now } }
          : {}),
      });
    },
  );
}

useProgressStore.subscribe((s, prev) => {
  if (s.live !== null && s.live.seq !== prev.live?.seq) void applyLive(s.live);
});

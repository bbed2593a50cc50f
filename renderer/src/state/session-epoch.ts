/**
 * The one guard between a citizen's requests and the next citizen's screen. A card pulled out, a
 * finished session or the idle timeout wipes the session (`sessionEpoch` moves on) while a request
 * may still be on its way; its answer belongs to the citizen who left and is dropped.
 */
import { useKioskStore } from './kioskStore';

/** The session now; a store that outlives a screen records it to know whose answers it holds. */
export const currentSession = (): number => useKioskStore.getState().sessionEpoch;

/**
 * Sends `request` and hands its answer to `onAnswer` only if the session it was asked in is still
 * the current one. Resolves true when the answer was delivered, false when it was dropped.
 */
export async function whileSameSession<T>(
  request: () => Promise<T>,
  onAnswer: (answer: T) => void,
): Promise<boolean> {
  const askedIn = currentSession();
  const answer = await request();
  if (currentSession() !== askedIn) return false;
  onAnswer(answer);
  return true;
}

/**
 * Calls `wipe` on every new session, so a feature's store forgets what the last citizen saw and
 * typed. Returns the unsubscribe.
 */
export function onNewSession(wipe: (epoch: number) => void): () => void {
  return useKioskStore.subscribe((s, prev) => {
    if (s.sessionEpoch !== prev.sessionEpoch) wipe(s.sessionEpoch);
  });
}

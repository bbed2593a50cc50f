import { beforeEach, describe, expect, it } from 'vitest';
import { resetKioskStore, wipeSession } from './kioskStore';
import { onNewSession, whileSameSession } from './session-epoch';

/** A request whose answer the test releases when it wants, as a slow backend would. */
function pending<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { request: () => promise, answer };
}

beforeEach(() => resetKioskStore());

describe('whileSameSession', () => {
  it('hands the answer over while the session it was asked in goes on', async () => {
    const slow = pending<string>();
    const seen: string[] = [];
    const delivered = whileSameSession(slow.request, (a) => seen.push(a));
    slow.answer('cases of this citizen');
    expect(await delivered).toBe(true);
    expect(seen).toEqual(['cases of this citizen']);
  });

  it('drops an answer that arrives after the session was wiped (card out, finish, idle)', async () => {
    const slow = pending<string>();
    const seen: string[] = [];
    const delivered = whileSameSession(slow.request, (a) => seen.push(a));
    wipeSession();
    slow.answer('cases of the citizen who left');
    expect(await delivered).toBe(false);
    expect(seen).toEqual([]);
  });

  it('checks the session the request was asked in, not the one when it was created', async () => {
    wipeSession();
    const slow = pending<number>();
    const seen: number[] = [];
    const delivered = whileSameSession(slow.request, (a) => seen.push(a));
    slow.answer(1);
    expect(await delivered).toBe(true);
    expect(seen).toEqual([1]);
  });
});

describe('onNewSession', () => {
  it('calls the wipe once per new session, with its epoch, until unsubscribed', () => {
    const wiped: number[] = [];
    const stop = onNewSession((epoch) => wiped.push(epoch));
    wipeSession();
    wipeSession();
    stop();
    wipeSession();
    expect(wiped).toEqual([1, 2]);
  });
});

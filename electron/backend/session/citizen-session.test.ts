import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import type { CardRead, CardReadResult } from '../../../drivers/id-card-reader/types';
import { idCheckCharacter } from '../../../domain/id-number';
import { hallDate } from '../../../domain/hall-time';
import { ageOn, CitizenSession, confirmCardFor } from './citizen-session';
import { sessionWithCardLeftOn } from './test-support';

const card = (birthDate: string): CardRead => ({
  identity: {
    cardType: 'resident',
    name: '李四',
    gender: 'female',
    nationCode: '01',
    birthDate,
    address: '浙江省杭州市上城区解放路1号',
    idNumber: '11010519491231002X',
    issuingAuthority: '杭州市公安局',
    validFrom: '2020-01-01',
    validTo: 'long-term',
  },
  photo: new Uint8Array(1024),
});

describe('citizen session', () => {
  const clock = new ManualClock(Date.parse('2026-11-25T02:00:00Z'));

  it('hands out a masked view only, and a keyed digest instead of the ID number', () => {
    const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
    session.start(card('1990-05-01'));
    const view = session.view()!;
    expect(view.maskedName).toBe('李*');
    expect(view.maskedIdNumber).toBe('110105********002X');
    expect(JSON.stringify(view)).not.toContain('11010519491231002X');
    const ref = session.citizenRef()!;
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    const other = sessionWithCardLeftOn({ clock, citizenRefKey: 'j'.repeat(16) });
    other.start(card('1990-05-01'));
    expect(other.citizenRef()).not.toBe(ref);
  });

  it('applies the green channel from age 70 on the hall date', () => {
    expect(hallDate(Date.parse('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(ageOn('1956-11-25', '2026-11-25')).toBe(70);
    expect(ageOn('1956-11-26', '2026-11-25')).toBe(69);
    const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
    session.start(card('1956-11-25'));
    expect(session.greenChannel()).toBe(true);
    session.start(card('1956-11-26'));
    expect(session.greenChannel()).toBe(false);
  });

  it('wipes the identity at the end and tells listeners once', () => {
    const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
    let changes = 0;
    session.onChange(() => changes++);
    const read = card('1990-05-01');
    session.start(read);
    expect(session.end()).toBe(true);
    expect(session.end()).toBe(false);
    expect(changes).toBe(2);
    expect(session.view()).toBeNull();
    expect(session.citizenRef()).toBeUndefined();
    // The caller's card object is not the session's: wiping the session copy leaves no alias behind.
    expect(read.identity.name).toBe('李四');
  });
});

describe('declared identity (typed or app QR)', () => {
  const first17 = '33010619500101123';
  const valid = first17 + idCheckCharacter(first17);

  it('accepts a number with the right check character, masked, with the green channel by its birth date', () => {
    const s = sessionWithCardLeftOn({
      clock: new ManualClock(Date.parse('2026-11-25T01:00:00Z')),
      citizenRefKey: 'k',
    });
    expect(s.startDeclared(valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'), 'typed')).toBe(false);
    expect(s.active).toBe(false);
    expect(s.startDeclared(valid, 'typed')).toBe(true);
    expect(s.view()).toEqual({
      maskedName: '',
      maskedIdNumber: `330106********${valid.slice(-4)}`,
      cardType: 'resident',
      // Born 1950-01-01: 76 on the hall date, served first as a card holder of 76 would be.
      greenChannel: true,
      senior: true,
      source: 'typed',
    });
    expect(s.age()).toBe(76);
    expect(s.may('book-appointment')).toBe(true);
    expect(s.may('see-orders')).toBe(false);
    expect(s.citizenRef()).toMatch(/^[0-9a-f]{64}$/);
    expect(s.end()).toBe(true);
    expect(s.view()).toBeNull();
  });

  it('gives a typed number the green channel from 70 on the hall date, as the card would', () => {
    // 2026-11-25 10:00 in the hall; born 1956-11-25 turns 70 today, born 1956-11-26 tomorrow.
    const s = sessionWithCardLeftOn({
      clock: new ManualClock(Date.parse('2026-11-25T02:00:00Z')),
      citizenRefKey: 'k',
    });
    const number = (first17: string) => first17 + idCheckCharacter(first17);
    expect(s.startDeclared(number('33010619561125123'), 'typed')).toBe(true);
    expect(s.greenChannel()).toBe(true);
    expect(s.may('green-channel')).toBe(true);
    expect(s.startDeclared(number('33010619561126123'), 'qr')).toBe(true);
    expect(s.greenChannel()).toBe(false);
    expect(s.view()?.greenChannel).toBe(false);
  });
});

describe('the card session is bound to the card on the reader (confirmCard)', () => {
  const clock = new ManualClock(Date.parse('2026-11-25T02:00:00Z'));
  const A = card('1948-03-01');
  const B: CardRead = {
    ...card('1990-05-01'),
    identity: { ...card('1990-05-01').identity, idNumber: '110105194912310038' },
  };

  function withReader(answer: () => Promise<CardReadResult>) {
    let reads = 0;
    const session = new CitizenSession({
      clock,
      citizenRefKey: 'k'.repeat(16),
      readCardOnReader: () => {
        reads++;
        return answer();
      },
    });
    return { session, reads: () => reads };
  }

  it('goes on while the session card is on the reader', async () => {
    const t = withReader(async () => ({ ok: true, card: structuredClone(A) }));
    t.session.start(A);
    expect(await t.session.confirmCard()).toEqual({ ok: true });
    expect(t.reads()).toBe(1);
    expect(t.session.greenChannel()).toBe(true);
  });

  for (const [what, answer, detail] of [
    ['another card', async () => ({ ok: true, card: structuredClone(B) }), 'card-changed'],
    ['no card', async () => ({ ok: false, error: 'no-card', detail: 'x' }), 'card-removed'],
    ['a checksum error', async () => ({ ok: false, error: 'checksum', detail: 'x' }), 'reader-error'],
    ['silence', async () => ({ ok: false, error: 'timeout', detail: 'x' }), 'reader-error'],
    ['an unplugged reader', async () => ({ ok: false, error: 'disconnected', detail: 'x' }), 'reader-error'],
  ] as const) {
    it(`refuses and ends the session when the reader holds ${what}`, async () => {
      const t = withReader(answer as () => Promise<CardReadResult>);
      t.session.start(A);
      expect(await t.session.confirmCard()).toEqual({ ok: false, code: 'card-session-ended', detail });
      expect(t.session.active).toBe(false);
      expect(t.session.citizenRef()).toBeUndefined();
      expect(t.session.greenChannel()).toBe(false);
    });
  }

  it('refuses, without ending it, when another card took over the session during the re-read', async () => {
    const holder: { session?: CitizenSession } = {};
    const t = withReader(async () => {
      // The watcher reports the new card while the confirmation reads it.
      holder.session!.start(B);
      return { ok: true, card: structuredClone(B) };
    });
    const session = (holder.session = t.session);
    session.start(A);
    expect(await session.confirmCard()).toEqual({
      ok: false,
      code: 'card-session-ended',
      detail: 'card-changed',
    });
    // B's own session stands: B did not ask for A's action, but is not thrown out either.
    expect(session.isCard(B)).toBe(true);
  });

  it('leaves typed and app-QR sessions to their own rules: no read, no refusal', async () => {
    const t = withReader(async () => ({ ok: false, error: 'disconnected', detail: 'x' }));
    const first17 = '33010619500101123';
    expect(t.session.startDeclared(first17 + idCheckCharacter(first17), 'qr')).toBe(true);
    expect(await t.session.confirmCard()).toEqual({ ok: true });
    expect(t.reads()).toBe(0);
    expect(t.session.active).toBe(true);
    expect(t.session.may('see-cases')).toBe(false);
  });

  it('logs a refusal with the action and reason only', async () => {
    const t = withReader(async () => ({ ok: true, card: structuredClone(B) }));
    t.session.start(A);
    const lines: unknown[][] = [];
    const check = await confirmCardFor(t.session, 'take-ticket', {
      warn: (...a: unknown[]) => lines.push(a),
    });
    expect(check.ok).toBe(false);
    expect(lines).toEqual([['card.action-refused', { action: 'take-ticket', reason: 'card-changed' }]]);
  });
});

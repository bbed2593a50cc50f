import { createHmac } from 'node:crypto';
import type { Clock } from '../../../domain/clock';
import { ageOn, birthDateOfIdNumber, validateIdNumber } from '../../../domain/id-number';
import { hallDate } from '../../../domain/hall-time';
import { maskIdNumber, maskName } from '../../../domain/masking';
import { cardKey } from '../../../drivers/id-card-reader/card-watcher';
import type { CardRead, CardIdentity, CardReadResult } from '../../../drivers/id-card-reader/types';
import type { CitizenView } from '../api/contract';
import type { KioskLogger } from '../logging/logger';

/** 绿色通道: citizens aged 70 or more are served first. */
export const GREEN_CHANNEL_AGE = 70;

/** 老年人 (权益保障法: 60 or more): the screen offers 长辈模式 to a card holder of this age. */
export const SENIOR_AGE = 60;

export { ageOn } from '../../../domain/id-number';

/**
 * How the citizen was identified. A card is read by the reader (strong). An ID number typed on the
 * screen or carried by the mobile app's QR code is only declared: it proves nothing about who stands
 * at the kiosk, so it may do less (see DECLARED_IDENTITY_MAY).
 */
export type IdentitySource = 'card' | 'typed' | 'qr';

/**
 * What a declared (typed or app-QR) identity may do. Booking and checking in need the booking's
 * code as well; a rating names no one. Seeing unpaid orders (which reveal a citizen's cases) needs
 * the card; so does seeing the citizen's cases and their timelines ('see-cases'). The green channel
 * goes by the birth date in the number: an 81-year-old who cannot find her card is no less 81, and
 * staff at the window see her card or her face when she is called.
 */
export const DECLARED_IDENTITY_MAY = [
  'book-appointment',
  'check-in',
  'rate',
  'take-number',
  'green-channel',
] as const;
export type JourneyAction = (typeof DECLARED_IDENTITY_MAY)[number] | 'see-orders' | 'see-cases';

/** The card's facts an application is made with (and its conditions checked against). */
export interface CardApplicant {
  name: string;
  idNumber: string;
  /** 住址 on the card: the household registration (户籍) address. */
  address: string;
  /** YYYY-MM-DD as the card stores it. */
  birthDate: string;
}

/** Why a card session was ended under an action's feet (for logs and the refusal's detail). */
export type CardLoss = 'card-changed' | 'card-removed' | 'reader-error' | 'session-changed';

/** The answer of `confirmCard()`: go on, or refuse with `card-session-ended` (the session is over). */
export type CardCheck = { ok: true } | { ok: false; code: 'card-session-ended'; detail: CardLoss };

/**
 * The citizen at the kiosk. Identity lives here, in memory, for the session only; the rest of the
 * kiosk gets a masked view or a keyed digest, never the raw fields.
 *
 * Invariant of a card session: no action under the card's identity is accepted while the reader
 * holds no card, another card, or cannot say (a fault, silence, unplugged). The composition root
 * (kiosk.ts) ends the session on every reader error and on removal, and starts a new one for a new
 * card; polling alone cannot see one card replaced by another within one poll, so every action
 * that acts for the card (ticket, green channel, cases, applications, payments, check-in, ratings)
 * first awaits `confirmCard()`, which re-reads the card on the reader, and commits synchronously
 * after it. Typed-ID and app-QR sessions prove nothing about the reader and keep their own rules
 * (DECLARED_IDENTITY_MAY); `confirmCard()` lets them through unchanged.
 */
export class CitizenSession {
  private identity: CardIdentity | undefined;
  /** Bumped whenever who is identified changes: an action that waited can tell it is stale. */
  private epochCounter = 0;
  /** A typed or scanned ID number, memory only; never together with a card. */
  private declared: { idNumber: string; source: 'typed' | 'qr' } | undefined;
  private listeners = new Set<() => void>();

  constructor(
    private readonly deps: {
      clock: Clock;
      /** Key of the digest the central uses to tell citizens apart without their ID number. */
      citizenRefKey: string;
      /**
       * Reads the card now on the reader (CardWatcher.confirm, which also reports a new card, a
       * removal or a failure to whoever manages the session).
       *
       * Why a full re-read and not the cheaper "find card": find answers "a card is there", the same
       * for card A and card B, so only the identity read tells them apart. Measured through the real
       * driver over a PTY with the simulator, a re-read takes 1.4 ms (median; find alone 0.35 ms);
       * on a real SDT reader at 115200 baud the 1.3 kB reply alone is about 0.12 s on the wire and the
       * reader's own card access 0.3–1 s, once per action a citizen has just asked for. That is a
       * pause they accept after pressing a button; acting for the wrong person is not.
       */
      readCardOnReader: () => Promise<CardReadResult>;
    },
  ) {}

  /** Changes whenever a session starts, is replaced or ends. */
  get epoch(): number {
    return this.epochCounter;
  }

  get active(): boolean {
    return this.identity !== undefined || this.declared !== undefined;
  }

  get source(): IdentitySource | undefined {
    return this.identity ? 'card' : this.declared?.source;
  }

  /** Whether the current identity may do `action` (nobody identified: nothing). */
  may(action: JourneyAction): boolean {
    if (this.identity) return true;
    if (!this.declared) return false;
    return (DECLARED_IDENTITY_MAY as readonly string[]).includes(action);
  }

  /**
   * Starts a session from a typed or scanned resident ID number. False (and nothing changes) when
   * the number is not valid or a card is on the reader (the card wins).
   */
  startDeclared(idNumber: string, source: 'typed' | 'qr'): boolean {
    const normalized = idNumber.trim().toUpperCase();
    if (!validateIdNumber(normalized) || this.identity) return false;
    this.wipe();
    this.declared = { idNumber: normalized, source };
    this.emit();
    return true;
  }

  /** Whether `card` is the card of the current card session (same number, same kind of card). */
  isCard(card: CardRead): boolean {
    return this.identity !== undefined && cardKey(this.identity) === cardKey(card.identity);
  }

  /**
   * Before an action for the identified citizen commits: for a card session, re-reads the card on
   * the reader and refuses (ending the session) unless it is still this session's card and nobody
   * else was identified meanwhile. Declared sessions pass unchanged. The caller must commit without
   * awaiting anything between this answer and the commit.
   */
  async confirmCard(): Promise<CardCheck> {
    if (!this.identity) return { ok: true };
    const epoch = this.epochCounter;
    const key = cardKey(this.identity);
    const read = await this.deps.readCardOnReader();
    const same = read.ok && cardKey(read.card.identity) === key;
    const loss: CardLoss = read.ok ? 'card-changed' : lossOf(read);
    // The reader's report (another card, removal, an error) may already have replaced or ended the
    // session while it read; whoever is identified now did not ask for this action.
    if (epoch !== this.epochCounter) return refuse(same ? 'session-changed' : loss);
    if (same) return { ok: true };
    this.end();
    return refuse(loss);
  }

  start(card: CardRead): void {
    this.wipe();
    this.declared = undefined;
    // Copy only what a session needs: the photo is never kept.
    this.identity = { ...card.identity };
    this.emit();
  }

  end(): boolean {
    const had = this.active;
    this.wipe();
    if (had) this.emit();
    return had;
  }

  view(): CitizenView | null {
    const id = this.identity;
    if (!id) {
      if (!this.declared) return null;
      return {
        maskedName: '',
        maskedIdNumber: maskIdNumber(this.declared.idNumber),
        cardType: 'resident',
        greenChannel: this.greenChannel(),
        senior: this.senior(),
        source: this.declared.source,
      };
    }
    return {
      maskedName: maskName(id.name),
      maskedIdNumber: maskIdNumber(id.idNumber),
      cardType: id.cardType,
      greenChannel: this.greenChannel(),
      senior: this.senior(),
      source: 'card',
    };
  }

  /**
   * The citizen's age (周岁) on today's hall date: from the card's birth date, or from the one in a
   * typed or scanned ID number; undefined with nobody identified or no readable birth date.
   */
  age(): number | undefined {
    const birthDate =
      this.identity?.birthDate ?? (this.declared && birthDateOfIdNumber(this.declared.idNumber));
    if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
    return ageOn(birthDate, hallDate(this.deps.clock.now()));
  }

  /** 绿色通道 by age on the hall date, whether the citizen showed a card or typed the number. */
  greenChannel(): boolean {
    const age = this.age();
    return age !== undefined && age >= GREEN_CHANNEL_AGE;
  }

  /** Aged 60 or more on the hall date, from the card's birth date or the typed number's. */
  senior(): boolean {
    const age = this.age();
    return age !== undefined && age >= SENIOR_AGE;
  }

  /** HMAC-SHA256 of the ID number: lets the central enforce one ticket per card without seeing it. */
  citizenRef(): string | undefined {
    const idNumber = this.identity?.idNumber ?? this.declared?.idNumber;
    if (!idNumber) return undefined;
    return createHmac('sha256', this.deps.citizenRefKey).update(`id:${idNumber}`).digest('hex');
  }

  /**
   * The card's name, ID number and address, for an application submitted in the card's name
   * (the apply journey); undefined without a card, since a typed or scanned number names no one.
   */
  cardApplicant(): CardApplicant | undefined {
    const id = this.identity;
    return id && { name: id.name, idNumber: id.idNumber, address: id.address, birthDate: id.birthDate };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private wipe(): void {
    if (this.identity) {
      // Overwrite before dropping so no stale reference elsewhere keeps the values.
      for (const key of Object.keys(this.identity) as (keyof CardIdentity)[]) {
        (this.identity as unknown as Record<string, unknown>)[key] = '';
      }
    }
    this.identity = undefined;
    if (this.declared) this.declared.idNumber = '';
    this.declared = undefined;
  }

  private emit(): void {
    this.epochCounter++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * `session.confirmCard()` before `action`, with the refusal in the log for field staff (no
 * personal data: the action and why).
 */
export async function confirmCardFor(
  session: Pick<CitizenSession, 'confirmCard'>,
  action: string,
  logger: Pick<KioskLogger, 'warn'>,
): Promise<CardCheck> {
  const check = await session.confirmCard();
  if (!check.ok) logger.warn('card.action-refused', { action, reason: check.detail });
  return check;
}

function refuse(detail: CardLoss): CardCheck {
  return { ok: false, code: 'card-session-ended', detail };
}

function lossOf(read: { error: string }): CardLoss {
  return read.error === 'no-card' ? 'card-removed' : 'reader-error';
}

import { createHmac } from 'node:crypto';
import type { Clock } from '../../../drivers/clock';
import { maskIdNumber, maskName, validateIdNumber } from '../../../drivers/id-card-reader/id-number';
import type { CardRead, CardIdentity } from '../../../drivers/id-card-reader/types';
import type { CitizenView } from '../api/contract';

/** 绿色通道: citizens aged 70 or more are served first. */
export const GREEN_CHANNEL_AGE = 70;

/** The calendar date in the hall's time zone, YYYY-MM-DD. */
export function hallDate(epochMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(epochMs));
}

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The citizen at the kiosk. Identity lives here, in memory, for the session only; the rest of the
 * kiosk gets a masked view or a keyed digest, never the raw fields.
 */
/**
 * How the citizen was identified. A card is read by the reader (strong). An ID number typed on the
 * screen or carried by the mobile app's QR code is only declared: it proves nothing about who stands
 * at the kiosk, so it may do less (see DECLARED_IDENTITY_MAY).
 */
export type IdentitySource = 'card' | 'typed' | 'qr';

/**
 * What a declared (typed or app-QR) identity may do. Booking and checking in need the booking's
 * code as well; a rating names no one. Seeing unpaid orders (which reveal a citizen's cases) and
 * the green channel (age taken from a number anyone could type) need the card; so does seeing the
 * citizen's cases and their timelines ('see-cases', journey 7).
 */
export const DECLARED_IDENTITY_MAY = ['book-appointment', 'check-in', 'rate', 'take-number'] as const;
export type JourneyAction =
  (typeof DECLARED_IDENTITY_MAY)[number] | 'see-orders' | 'see-cases' | 'green-channel';

export class CitizenSession {
  private identity: CardIdentity | undefined;
  /** A typed or scanned ID number, memory only; never together with a card. */
  private declared: { idNumber: string; source: 'typed' | 'qr' } | undefined;
  private listeners = new Set<() => void>();

  constructor(
    private readonly deps: {
      clock: Clock;
      /** Key of the digest the central uses to tell citizens apart without their ID number. */
      citizenRefKey: string;
    },
  ) {}

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
        greenChannel: false,
        source: this.declared.source,
      };
    }
    return {
      maskedName: maskName(id.name),
      maskedIdNumber: maskIdNumber(id.idNumber),
      cardType: id.cardType,
      greenChannel: this.greenChannel(),
    };
  }

  greenChannel(): boolean {
    const id = this.identity;
    if (!id || !/^\d{4}-\d{2}-\d{2}$/.test(id.birthDate)) return false;
    return ageOn(id.birthDate, hallDate(this.deps.clock.now())) >= GREEN_CHANNEL_AGE;
  }

  /** HMAC-SHA256 of the ID number: lets the central enforce one ticket per card without seeing it. */
  citizenRef(): string | undefined {
    const idNumber = this.identity?.idNumber ?? this.declared?.idNumber;
    if (!idNumber) return undefined;
    return createHmac('sha256', this.deps.citizenRefKey).update(`id:${idNumber}`).digest('hex');
  }

  /**
   * The card's name, ID number and address, for an application submitted in the card's name
   * (journey 6); undefined without a card, since a typed or scanned number names no one.
   */
  cardApplicant(): { name: string; idNumber: string; address: string } | undefined {
    const id = this.identity;
    return id && { name: id.name, idNumber: id.idNumber, address: id.address };
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
    for (const listener of this.listeners) listener();
  }
}

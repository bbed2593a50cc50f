import { createHmac } from 'node:crypto';
import type { Clock } from '../../../drivers/clock';
import { maskIdNumber, maskName } from '../../../drivers/id-card-reader/id-number';
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
export class CitizenSession {
  private identity: CardIdentity | undefined;
  private listeners = new Set<() => void>();

  constructor(
    private readonly deps: {
      clock: Clock;
      /** Key of the digest the central uses to tell citizens apart without their ID number. */
      citizenRefKey: string;
    },
  ) {}

  get active(): boolean {
    return this.identity !== undefined;
  }

  start(card: CardRead): void {
    this.wipe();
    // Copy only what a session needs: the photo is never kept.
    this.identity = { ...card.identity };
    this.emit();
  }

  end(): boolean {
    const had = this.identity !== undefined;
    this.wipe();
    if (had) this.emit();
    return had;
  }

  view(): CitizenView | null {
    const id = this.identity;
    if (!id) return null;
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
    const id = this.identity;
    if (!id) return undefined;
    return createHmac('sha256', this.deps.citizenRefKey).update(`id:${id.idNumber}`).digest('hex');
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
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

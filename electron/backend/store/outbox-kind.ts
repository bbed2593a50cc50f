import type { z } from 'zod';
import { parseQueued, type OutboxItem } from './outbox';
import type { DeliveryOutcome, StreamHandler } from './outbox-delivery';

/**
 * One kind of queued action, declared by the slice that queues it: its payload is parsed with
 * `payloadSchema` before the handler sees it, never cast. An item that does not parse would not
 * parse on any later attempt either, so it becomes a dead letter naming the field (never its
 * value), and the slice records the refusal on its own row.
 */
export interface OutboxKind<S extends z.ZodType = z.ZodType> {
  readonly kind: string;
  readonly payloadSchema: S;
  /** The request as queued: the clear payload, plus the sealed fields where the kind seals some. */
  readonly assemble?: (item: OutboxItem) => Record<string, unknown> | undefined;
  /** What the slice's own row records when the queued item does not parse. */
  readonly rejectInvalid?: (item: OutboxItem, now: number) => void;
  readonly handler: (payload: z.output<S>, item: OutboxItem) => Promise<DeliveryOutcome>;
}

/** Keeps the payload type of a kind where it is declared. */
export function outboxKind<S extends z.ZodType>(kind: OutboxKind<S>): OutboxKind<S> {
  return kind;
}

function plainPayload(item: OutboxItem): Record<string, unknown> | undefined {
  const p = item.payload;
  return typeof p === 'object' && p !== null && !Array.isArray(p)
    ? (p as Record<string, unknown>)
    : undefined;
}

/** The delivery's handler table from the slices' kinds; two slices claiming one kind is a bug. */
export function outboxHandlers(kinds: readonly OutboxKind[]): Record<string, StreamHandler> {
  const handlers: Record<string, StreamHandler> = {};
  for (const k of kinds) {
    if (handlers[k.kind]) throw new Error(`outbox kind ${k.kind} is declared twice`);
    handlers[k.kind] = async (item) => {
      const parsed = parseQueued(k.payloadSchema, (k.assemble ?? plainPayload)(item));
      if (!parsed.ok) {
        return {
          kind: 'rejected',
          reason: parsed.reason,
          response: null,
          ...(k.rejectInvalid ? { apply: (now: number) => k.rejectInvalid!(item, now) } : {}),
        };
      }
      return k.handler(parsed.value, item);
    };
  }
  return handlers;
}

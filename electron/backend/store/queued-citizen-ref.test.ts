import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ManualClock } from '../../../domain/clock';
import { bookAppointmentRequestSchema, checkInRequestSchema } from '../../../central/appointments/contract';
import { submitCaseRequestSchema } from '../../../central/cases/contract';
import { issueTicketRequestSchema } from '../../../central/contract';
import { offlineTicketRequestSchema } from '../../../central/queue/contract';
import { LocalApplications } from '../apply/store';
import { CASE_SUBMIT_KIND } from '../apply/case-payload';
import { caseSubmitKind } from '../apply/outbox';
import { CentralApplyClient } from '../apply/central';
import { CentralAppointmentsClient } from '../appointments/central';
import { appointmentOutboxKinds } from '../appointments/outbox';
import { AppointmentStore, BOOK_KIND, CHECK_IN_KIND } from '../appointments/store';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from './database';
import { FieldCipher } from './field-cipher';
import { LocalTickets, OFFLINE_TICKET_KIND, ticketStream } from '../queue/store';
import { Outbox } from './outbox';
import { purgePastRetention } from './retention';
import { CentralQueueClient } from '../queue/central';
import { BACKOFF_CAP_MS, OutboxDelivery } from './outbox-delivery';
import { queueOutboxKinds } from '../queue/outbox';
import { outboxHandlers } from './outbox-kind';

const ID_NUMBER = '11010519491231002X';
const CITIZEN_REF_KEY = 'hall-citizen-ref-key-0001';
/** The digest as the session makes it (electron/backend/session/citizen-session.ts). */
const digest = createHmac('sha256', CITIZEN_REF_KEY).update(`id:${ID_NUMBER}`).digest('hex');
const HALL = 'HALL-CITY-01';
const TERMINAL = 'KIOSK-01';
const applicant = { name: '王小明', idNumber: ID_NUMBER, phone: '13812345678' };
const HOUR = 3_600_000;
const RETENTION = 24 * HOUR;

/** The central's own request schema of each route the queued actions go to: the wire is unchanged. */
const wireSchemas: [RegExp, z.ZodType][] = [
  [/^\/v1\/queue\/tickets$/, issueTicketRequestSchema],
  [/^\/v1\/queue\/offline-tickets$/, offlineTicketRequestSchema],
  [/^\/v1\/appointments$/, bookAppointmentRequestSchema],
  [/^\/v1\/appointments\/[A-Z0-9]{8}\/check-in$/, checkInRequestSchema],
  [/^\/v1\/cases$/, submitCaseRequestSchema],
];

interface Received {
  path: string;
  body: Record<string, unknown>;
}

/**
 * The central as the handlers reach it: unreachable at first; once reachable it reads each request
 * with the central's own schema, records it and refuses it (409), so the item settles and the test
 * sees exactly what went over the wire.
 */
function centralStub() {
  const state = { reachable: false, received: [] as Received[], malformed: [] as string[] };
  const stubFetch: typeof fetch = async (input, init) => {
    if (!state.reachable) {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }
    const path = new URL(input instanceof Request ? input.url : input.toString()).pathname;
    const body: unknown = JSON.parse(String(init?.body));
    const schema = wireSchemas.find(([route]) => route.test(path))?.[1];
    if (!schema?.safeParse(body).success) state.malformed.push(path);
    state.received.push({ path, body: body as Record<string, unknown> });
    return new Response(JSON.stringify({ error: { code: 'seen', message: 'read and refused' } }), {
      status: 409,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { state, stubFetch };
}

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'kiosk-queued-ref-')), 'kiosk.db');
  const db = openKioskDatabase(path);
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const tickets = new LocalTickets(db, outbox);
  const appointments = new AppointmentStore(db, outbox);
  const applications = new LocalApplications(db, outbox);
  const clock = new ManualClock(1_000_000);
  const logger = createTestLogger();
  const central = centralStub();
  const options = {
    baseUrl: 'https://central.test',
    deviceToken: 'device-token-0001',
    fetch: central.stubFetch,
  };
  const queueClient = new CentralQueueClient(options);
  const delivery = new OutboxDelivery({
    db,
    outbox,
    clock,
    logger,
    random: () => 0.5,
    handlers: {
      ...outboxHandlers(queueOutboxKinds({ central: queueClient, tickets, logger })),
      ...outboxHandlers(
        appointmentOutboxKinds({
          central: new CentralAppointmentsClient(options),
          store: appointments,
          outbox,
          logger,
        }),
      ),
      ...outboxHandlers([
        caseSubmitKind({
          central: new CentralApplyClient(options),
          applications,
          outbox,
          logger,
          settled: () => undefined,
        }),
      ]),
    },
  });
  return {
    path,
    db,
    outbox,
    tickets,
    appointments,
    applications,
    clock,
    logger,
    central: central.state,
    delivery,
  };
}

type Setup = ReturnType<typeof setup>;

/** Where the given text is in the raw bytes of the store's files (kiosk.db, -wal, -shm). */
function onDisk(path: string, text: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`]
    .filter((f) => existsSync(f))
    .filter((f) => readFileSync(f).includes(Buffer.from(text)));
}

const ticketFields = { hallId: HALL, category: 'A', terminalId: TERMINAL, citizenRef: digest };

function queueTickets(s: Setup): number[] {
  const online = s.tickets.request({ ...ticketFields, priority: 'normal' }, s.clock.now());
  const offline = s.tickets.requestOffline(
    { ...ticketFields, category: 'B', priority: 'green-channel', categoryName: { zh: '社保', en: 'Social' } },
    () => ({ blockId: 'BLOCK-1', number: 'B001' }),
    s.clock.now(),
  );
  return [online.outboxId, offline!.outboxId];
}

/** One queued action of every kind that names the citizen, as the slices queue them today. */
function queueEveryKind(s: Setup): number[] {
  const now = s.clock.now();
  const booking = s.appointments.requestBooking({ slotId: 'SLOT-1', citizenRef: digest }, HALL, now);
  const checkIn = s.appointments.requestCheckIn(
    { code: 'AB12CD34', citizenRef: digest, terminalId: TERMINAL },
    now,
  );
  const { cases } = s.applications.submit(
    {
      hallId: HALL,
      terminalId: TERMINAL,
      citizenRef: digest,
      delivery: 'window',
      bundleCode: null,
      requestedAt: new Date(now).toISOString(),
      cases: [{ itemCode: 'QR02005001', itemName: { zh: '职工退休申请', en: 'Retirement' }, materials: [] }],
    },
    applicant,
    now,
  );
  return [...queueTickets(s), booking.outboxId, checkIn.outboxId, cases[0]!.outboxId];
}

/** Tries every item while the central is unreachable: each stays pending. */
async function tryOffline(s: Setup, ids: number[]) {
  for (const id of ids) expect((await s.delivery.deliver(id))?.state).toBe('pending');
}

async function deliverOnline(s: Setup, ids: number[]) {
  s.central.reachable = true;
  await s.clock.advance(BACKOFF_CAP_MS + 1);
  for (const id of ids) expect((await s.delivery.deliver(id))?.state).toBe('rejected');
  expect(s.central.malformed).toEqual([]);
  return s.central.received;
}

describe('the citizen\u2019s digest in queued actions', () => {
  it('keeps a waiting ticket request\u2019s digest out of kiosk.db, -wal and -shm, and still sends it', async () => {
    const s = setup();
    const ids = queueTickets(s);
    await tryOffline(s, ids);
    expect(onDisk(s.path, digest)).toEqual([]);
    const received = await deliverOnline(s, ids);
    expect(received.map((r) => [r.path, r.body.citizenRef])).toEqual([
      ['/v1/queue/tickets', digest],
      ['/v1/queue/offline-tickets', digest],
    ]);
    s.db.close();
  });

  it('seals it for every kind, so past the retention a waiting item leaves it nowhere on disk', async () => {
    const s = setup();
    const ids = queueEveryKind(s);
    expect(s.outbox.get(ids[0]!)!.stream).toBe(ticketStream(HALL, 'A'));
    await tryOffline(s, ids);
    // The clear part of the queue never has it; each item has it sealed, bound to its row.
    const rows = s.db.prepare('SELECT id, payload, sealed, last_error FROM outbox').all() as {
      id: number;
      payload: string;
      sealed: Buffer | null;
      last_error: string | null;
    }[];
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.payload).not.toContain(digest);
      expect(row.last_error).not.toContain(digest);
      expect(row.sealed?.includes(Buffer.from(digest))).toBe(false);
      expect(s.outbox.openPersonal(row.id)).toMatchObject({ citizenRef: digest });
    }
    // The central stays away for a day: the domain tables forget the digest at the retention, and
    // the items, still waiting, keep it only sealed.
    await s.clock.advance(RETENTION);
    const purged = purgePastRetention(
      { db: s.db, outbox: s.outbox, citizens: [s.applications, s.appointments] },
      s.clock.now(),
      RETENTION,
    );
    expect(purged).toEqual({ items: 0, citizens: 3 });
    expect(s.outbox.counts().pending).toBe(5);
    expect(onDisk(s.path, digest)).toEqual([]);
    expect(onDisk(s.path, ID_NUMBER)).toEqual([]);

    const received = await deliverOnline(s, ids);
    expect(received.map((r) => [r.path, r.body.citizenRef])).toEqual([
      ['/v1/queue/tickets', digest],
      ['/v1/queue/offline-tickets', digest],
      ['/v1/appointments', digest],
      ['/v1/appointments/AB12CD34/check-in', digest],
      ['/v1/cases', digest],
    ]);
    expect(received[4]!.body.applicant).toEqual(applicant);
    s.db.close();
  });

  it('still delivers items queued before the digest was sealed, with the digest from their payload', async () => {
    const s = setup();
    const now = s.clock.now();
    // Rows as the kiosk wrote them before: the digest in the clear payload, the applicant sealed.
    const legacy = [
      s.outbox.enqueue(
        ticketStream(HALL, 'A'),
        ({ kioskSequence }) => ({
          ...ticketFields,
          priority: 'normal',
          kioskSequence,
          requestedAt: new Date(now).toISOString(),
        }),
        now,
      ),
      s.outbox.enqueue(
        `${OFFLINE_TICKET_KIND}:${HALL}:B`,
        () => ({
          blockId: 'BLOCK-1',
          number: 'B001',
          terminalId: TERMINAL,
          citizenRef: digest,
          priority: 'normal',
          issuedAt: new Date(now).toISOString(),
        }),
        now,
      ),
      s.outbox.enqueue(`${BOOK_KIND}:${HALL}`, () => ({ slotId: 'SLOT-1', citizenRef: digest }), now),
      s.outbox.enqueue(
        `${CHECK_IN_KIND}:AB12CD34`,
        () => ({ code: 'AB12CD34', citizenRef: digest, terminalId: TERMINAL }),
        now,
      ),
      s.outbox.enqueue(
        `${CASE_SUBMIT_KIND}:${TERMINAL}-000005:QR02005001`,
        ({ kioskSequence }) => ({
          hallId: HALL,
          terminalId: TERMINAL,
          itemCode: 'QR02005001',
          citizenRef: digest,
          materials: [],
          delivery: 'window',
          kioskSequence,
          requestedAt: new Date(now).toISOString(),
        }),
        now,
        { applicant },
      ),
    ].map((q) => q.id);
    const received = await deliverOnline(s, legacy);
    expect(received.map((r) => [r.path, r.body.citizenRef])).toEqual([
      ['/v1/queue/tickets', digest],
      ['/v1/queue/offline-tickets', digest],
      ['/v1/appointments', digest],
      ['/v1/appointments/AB12CD34/check-in', digest],
      ['/v1/cases', digest],
    ]);
    expect(received[4]!.body.applicant).toEqual(applicant);
    s.db.close();
  });

  it('dead-letters an item whose digest is missing or malformed, naming the field and not its value', async () => {
    const s = setup();
    const now = s.clock.now();
    const { ticketId, outboxId } = s.tickets.request({ ...ticketFields, priority: 'normal' }, now);
    // A stored row whose sealed part is gone and whose payload holds something that is no digest.
    s.db
      .prepare(`UPDATE outbox SET sealed = NULL, payload = json_set(payload, '$.citizenRef', ?) WHERE id = ?`)
      .run(ID_NUMBER, outboxId);
    const booking = s.appointments.requestBooking({ slotId: 'SLOT-1', citizenRef: digest }, HALL, now);
    s.db.prepare('UPDATE outbox SET sealed = NULL WHERE id = ?').run(booking.outboxId);

    s.central.reachable = true;
    const ticket = await s.delivery.deliver(outboxId);
    expect(ticket).toMatchObject({
      state: 'rejected',
      lastError: 'queued item does not parse: citizenRef invalid_format',
    });
    expect(ticket?.lastError).not.toContain(ID_NUMBER);
    expect(s.tickets.get(ticketId)).toMatchObject({ state: 'rejected', rejectReason: 'payload-invalid' });
    const book = await s.delivery.deliver(booking.outboxId);
    expect(book).toMatchObject({
      state: 'rejected',
      lastError: 'queued item does not parse: citizenRef invalid_type',
    });
    // Neither went out without its citizen; the rows stay for staff to see.
    expect(s.central.received).toEqual([]);
    expect(s.outbox.counts().rejected).toBe(2);
    s.db.close();
  });
});

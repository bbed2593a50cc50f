/**
 * Test support (not shipped: nothing in the app imports it): a fetch that answers the /api routes
 * from an in-memory backend, and an EventSource the test can drive.
 */
import type {
  IssuedTicket,
  KioskEvent,
  KioskState,
  QueueCategory,
} from '../../../electron/backend/api/contract';
import type { EventSourceLike } from '../api/client';

export function makeState(overrides: Partial<KioskState> = {}): KioskState {
  return {
    terminalId: 'T-001',
    hallName: '杭州市民中心',
    languages: ['zh-CN', 'en'],
    citizen: null,
    devices: { idCardReader: { state: 'ready' }, receiptPrinter: { state: 'ready' } },
    simulated: true,
    idle: { sessionSeconds: 60, elderlySessionSeconds: 180, warningSeconds: 10 },
    ...overrides,
  };
}

export const CITIZEN = {
  maskedName: '张*',
  maskedIdNumber: '330102**********1X',
  cardType: 'resident',
  greenChannel: false,
} as const satisfies NonNullable<KioskState['citizen']>;

export const CATEGORIES: QueueCategory[] = [
  { code: 'A', name: { zh: '社保医保', en: 'Social insurance' }, waiting: 3 },
  { code: 'B', name: { zh: '不动产登记', en: 'Real estate' }, waiting: 1 },
];

export function makeTicket(overrides: Partial<IssuedTicket> = {}): IssuedTicket {
  return {
    number: 'A004',
    category: 'A',
    categoryName: { zh: '社保医保', en: 'Social insurance' },
    hallName: '杭州市民中心',
    waitingAhead: 3,
    estimatedWaitMinutes: 15,
    issuedAt: '2026-11-25T09:30:00+08:00',
    priority: 'normal',
    printed: true,
    ...overrides,
  };
}

type Reply = { status: number; body: unknown } | { networkError: true } | { raw: string; status: number };

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

export class FakeBackend {
  state: KioskState = makeState();
  categories: QueueCategory[] = CATEGORIES;
  /** What POST /api/queue/tickets answers; default: a printed ticket. */
  ticketReply: Reply = { status: 200, body: { ok: true, ticket: makeTicket() } };
  /** Per-route override, keyed "METHOD /path". */
  overrides = new Map<string, Reply>();
  calls: Call[] = [];
  /** A request waits for this before answering, when set (to see in-flight screens). */
  gate: Promise<void> | null = null;

  fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = input;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.calls.push({ method, path, body });
    if (this.gate) await this.gate;
    const reply = this.overrides.get(`${method} ${path}`) ?? this.route(method, path);
    if ('networkError' in reply) throw new TypeError('Failed to fetch');
    const text = 'raw' in reply ? reply.raw : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status, headers: { 'Content-Type': 'application/json' } });
  };

  private route(method: string, path: string): Reply {
    switch (`${method} ${path}`) {
      case 'GET /api/state':
        return { status: 200, body: { ok: true, state: this.state } };
      case 'GET /api/queue/categories':
        return { status: 200, body: { ok: true, categories: this.categories } };
      case 'POST /api/queue/tickets':
        return this.ticketReply;
      case 'POST /api/session/end':
        this.state = { ...this.state, citizen: null };
        return { status: 200, body: { ok: true } };
      default:
        return { status: 404, body: { ok: false, error: { code: 'not-found' } } };
    }
  }

  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }
}

export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const es = FakeEventSource.instances.at(-1);
    if (!es) throw new Error('no EventSource was opened');
    return es;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  emit(event: KioskEvent | string): void {
    const data = typeof event === 'string' ? event : JSON.stringify(event);
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  /** The browser gave up (e.g. HTTP 502): readyState CLOSED, no automatic retry. */
  fail(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

export const createFakeEventSource = (url: string): FakeEventSource => new FakeEventSource(url);

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../test-support';
import { caseRequest, STAFF, useCentralWithStaff, submit } from './test-support';

// Property-based fuzzing of request bodies and queries against the real server: whatever arrives,
// the answer is a 2xx/4xx in the error shape, never a 500.
const { central, api } = useCentralWithStaff();

const RUNS = 150;

function expectHandled(res: { status: number; json: unknown; text: string }) {
  expect(res.status, res.text).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.json, res.text).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  }
}

/** A valid submission with some fields replaced by arbitrary values. */
const mutatedSubmission = fc
  .record({
    field: fc.constantFrom(
      'hallId',
      'terminalId',
      'itemCode',
      'citizenRef',
      'applicant',
      'materials',
      'delivery',
      'kioskSequence',
      'requestedAt',
    ),
    value: fc.anything({ maxDepth: 3 }),
  })
  .map(({ field, value }) => ({ ...caseRequest(), [field]: value }));

describe('fuzzing request bodies', () => {
  it('never answers 500 to case submissions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedSubmission, fc.anything({ maxDepth: 4 }), fc.json()), async (body) => {
        const res = await submit(api, typeof body === 'string' ? body : (body ?? null));
        expectHandled(res);
      }),
      { numRuns: RUNS },
    );
  });

  it('never answers 500 to case lookups and withdrawals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3 }), fc.string({ maxLength: 40 }), async (body, caseId) => {
        expectHandled(await api.post('/v1/cases/lookup', body ?? null));
        expectHandled(await api.post(`/v1/cases/${encodeURIComponent(caseId)}/withdraw`, body ?? null));
      }),
      { numRuns: RUNS },
    );
  });

  it('never answers 500 to staff actions and catalogue edits', async () => {
    const caseId = (await submit(api, caseRequest({}, 401))).json.case.caseId as string;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'pre-review-pass',
          'take-in',
          'route',
          'approve',
          'reject',
          'mark-ready',
          'terminate',
        ),
        fc.oneof(
          fc.record(
            { note: fc.string(), departmentId: fc.string(), pickup: fc.string() },
            { requiredKeys: [] },
          ),
          fc.anything({ maxDepth: 3 }),
        ),
        fc.constantFrom(STAFF.window, STAFF.manager, STAFF.approverGt),
        async (action, body, token) => {
          expectHandled(await api.post(`/v1/staff/cases/${caseId}/${action}`, body ?? null, token));
          expectHandled(await api.patch('/v1/staff/catalogue/items/GG09008001', body ?? null, STAFF.manager));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never answers 500 to arbitrary query strings', async () => {
    const paths = [
      '/v1/catalogue/items',
      '/v1/catalogue/bundles',
      '/v1/catalogue/changes',
      '/v1/catalogue/items/QR01001001',
      '/v1/staff/cases',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.dictionary(
          fc.constantFrom(
            'regionCode',
            'category',
            'q',
            'since',
            'status',
            'limit',
            'before',
            'departmentId',
            'hallId',
          ),
          fc.string({ maxLength: 20 }),
        ),
        async (path, query) => {
          const qs = new URLSearchParams(query).toString();
          const token = path.startsWith('/v1/staff') ? STAFF.manager : TOKEN;
          expectHandled(await api.get(`${path}?${qs}`, token));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never answers 500 when opening an event stream with arbitrary ids and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        async (terminalId, hallId, lastEventId) => {
          const controller = new AbortController();
          const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
          // Header values must be valid HTTP field content; the query carries anything else.
          if (lastEventId !== undefined && /^[\x20-\x7e]*$/.test(lastEventId))
            headers['last-event-id'] = lastEventId;
          const res = await fetch(
            `${central.baseUrl}/v1/kiosks/${encodeURIComponent(terminalId)}/events?hallId=${encodeURIComponent(hallId)}`,
            { headers, signal: controller.signal },
          );
          expect(res.status).toBeLessThan(500);
          controller.abort();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

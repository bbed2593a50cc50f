import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../api/client';
import { resetKioskStore, wipeSession } from './kioskStore';
import { requestRunner, type RequestStatus } from './run-request';

function pending<T>() {
  let answer!: (value: ApiResult<T>) => void;
  const promise = new Promise<ApiResult<T>>((resolve) => (answer = resolve));
  return { request: () => promise, answer };
}

let status: RequestStatus;
const run = requestRunner((patch) => (status = { ...status, ...patch }));

beforeEach(() => {
  resetKioskStore();
  status = { busy: false, error: { code: 'internal' } };
});

describe('requestRunner', () => {
  it('shows progress while the request runs, then hands over the value', async () => {
    const slow = pending<string>();
    const values: string[] = [];
    const done = run(slow.request, (v) => values.push(v));
    expect(status).toEqual({ busy: true, error: null });
    slow.answer({ ok: true, value: 'slots' });
    await done;
    expect(status).toEqual({ busy: false, error: null });
    expect(values).toEqual(['slots']);
  });

  it('shows the error of a refused request', async () => {
    const slow = pending<string>();
    const done = run(slow.request, () => expect.fail('no value on a refusal'));
    slow.answer({ ok: false, error: { code: 'central-unreachable' } });
    await done;
    expect(status).toEqual({ busy: false, error: { code: 'central-unreachable' } });
  });

  it("never lets the last citizen's answer reach the next citizen's store", async () => {
    const slow = pending<string>();
    const values: string[] = [];
    const done = run(slow.request, (v) => values.push(v));
    wipeSession();
    status = { busy: false, error: null };
    slow.answer({ ok: false, error: { code: 'internal' } });
    await done;
    expect(values).toEqual([]);
    expect(status).toEqual({ busy: false, error: null });
  });
});

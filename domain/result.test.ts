import { describe, expect, expectTypeOf, it } from 'vitest';
import { ok, type Failure, type Result } from './result';

type Lookup = Result<number, { code: 'not-found' | 'offline'; detail?: string }>;

function lookup(found: boolean): Lookup {
  return found ? ok(42) : { ok: false, code: 'not-found' };
}

describe('Result', () => {
  it('carries the value on success and the failure’s fields otherwise', () => {
    const hit = lookup(true);
    const miss = lookup(false);
    expect(hit).toEqual({ ok: true, value: 42 });
    expect(miss).toEqual({ ok: false, code: 'not-found' });
    if (miss.ok) throw new Error('a miss is a failure');
    expectTypeOf(miss.code).toEqualTypeOf<'not-found' | 'offline'>();
    expectTypeOf<Failure<Lookup>>().toEqualTypeOf<
      { ok: false } & { code: 'not-found' | 'offline'; detail?: string }
    >();
  });
});

import { describe, expect, it } from 'vitest';
import { IdentityNumbers, memoByIdentity } from './identity.js';

describe('IdentityNumbers', () => {
  it('numbers objects in the order first seen, by identity, not by value', () => {
    const ids = new IdentityNumbers<{ n: number }>();
    const a = { n: 1 };
    const b = { n: 1 };
    expect([ids.of(a), ids.of(b), ids.of(a), ids.of({ n: 1 }), ids.of(b)]).toEqual([0, 1, 0, 2, 1]);
  });
});

describe('memoByIdentity', () => {
  it('computes once per key object, null results included', () => {
    const calls: object[] = [];
    const f = memoByIdentity((k: { v: number | null }) => {
      calls.push(k);
      return k.v;
    });
    const a = { v: null };
    const b = { v: 2 };
    expect([f(a), f(b), f(a), f(b), f({ v: 2 })]).toEqual([null, 2, null, 2, 2]);
    expect(calls).toEqual([a, b, { v: 2 }]);
    expect(calls[0]).toBe(a);
  });
});

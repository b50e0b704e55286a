/**
 * Things keyed by object identity, held weakly so that they go when their key goes: engines,
 * obligations and periods are immutable once built, and what is derived from one can be kept
 * beside it for as long as it lives.
 */

/** Numbers objects in the order they are first seen (a compact key for a cache). */
export class IdentityNumbers<T extends object> {
  readonly #ids = new WeakMap<T, number>();
  #next = 0;

  /** The object's number, given now if it has none yet. */
  of(x: T): number {
    let id = this.#ids.get(x);
    if (id === undefined) this.#ids.set(x, (id = this.#next++));
    return id;
  }
}

/** `fn` computed once per key object (the key must not change in a way that changes the result). */
export function memoByIdentity<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    if (memo.has(key)) return memo.get(key)!;
    const value = fn(key);
    memo.set(key, value);
    return value;
  };
}

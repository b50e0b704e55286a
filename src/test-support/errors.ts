/**
 * Catching an expected error in tests, so that its code, message and candidates can be checked.
 */

/** Runs `fn` and returns the error of class `type` it throws; fails when it throws nothing or another error. */
export function thrown<E extends Error>(fn: () => unknown, type: new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`no ${type.name} was thrown`);
}

/**
 * Conditions on obligations, written in CEL (Common Expression Language): a small, typed,
 * non-Turing-complete language, so every condition terminates. Conditions are checked
 * (parsed and type-checked against the variables below) when a treaty file is loaded.
 *
 * Variables describe one hypothetical or real attack:
 * - `attacker`, `target`: COW codes (int);
 * - `attackerAllies`, `targetAllies`: COW codes of the states sharing an alliance in force
 *   with the attacker / target on the day (list<int>);
 * - `location`: where the attack takes place, a region name such as `europe` (string);
 * - `provoked`: whether the target provoked the attack (bool);
 * - `conflict`: kind of conflict, e.g. `war` or `colonial` (string);
 * - `unstated`: restrictions a source says exist without describing them, by name, e.g.
 *   `unstated["defcoloc"]` for ATOP's "limited to a location it does not name" (map<string, bool>).
 *   It is never supplied, so a condition that reaches it is always undetermined.
 *
 * A variable the caller did not supply makes a condition that needs it *undetermined*,
 * never silently true or false.
 */
import { Environment } from '@marcbachmann/cel-js';
import { ConditionError } from './errors.js';
import type { CCode } from './model.js';

/** Names and CEL types of the variables a condition may use. */
export const CONDITION_VARIABLES: Readonly<Record<string, string>> = {
  attacker: 'int',
  target: 'int',
  attackerAllies: 'list<int>',
  targetAllies: 'list<int>',
  location: 'string',
  provoked: 'bool',
  conflict: 'string',
  unstated: 'map<string, bool>',
};

/** Regions a `location` may name; conditions comparing against other strings are still legal CEL. */
export const REGIONS = ['europe', 'asia', 'middle-east', 'africa', 'americas', 'oceania', 'pacific', 'atlantic'] as const;

let env: Environment | undefined;
function environment(): Environment {
  if (!env) {
    let e = new Environment({ limits: { maxAstNodes: 500, maxDepth: 32, maxListElements: 100, maxMapEntries: 100, maxCallArguments: 8 } });
    for (const [name, type] of Object.entries(CONDITION_VARIABLES)) e = e.registerVariable(name, type);
    env = e;
  }
  return env;
}

/** Column (1-based) of the caret cel-js prints under the offending token, if any. */
function caretColumn(message: string): number | undefined {
  const lines = message.split('\n');
  const codeLine = lines.findIndex((l) => /^>\s+\d+ \| /.test(l));
  if (codeLine < 0) return undefined;
  const prefix = /^>\s+\d+ \| /.exec(lines[codeLine]!)![0].length;
  const caret = lines[codeLine + 1]?.indexOf('^');
  return caret === undefined || caret < 0 ? undefined : caret - prefix + 1;
}

/** Result of checking a condition: ok, or the problem with its column inside the expression. */
export type ConditionCheck = { ok: true } | { ok: false; message: string; column?: number };

/** Parses and type-checks a condition without evaluating it. */
export function checkCondition(expression: string): ConditionCheck {
  try {
    const result = environment().check(expression);
    if (result.valid && result.type === 'bool') return { ok: true };
    if (result.valid) return { ok: false, message: `condition has type ${result.type}; a condition must be true or false (bool)` };
    const msg = String(result.error?.message ?? 'invalid condition');
    const column = caretColumn(msg);
    return column === undefined ? { ok: false, message: msg.split('\n')[0]! } : { ok: false, message: msg.split('\n')[0]!, column };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const column = caretColumn(msg);
    return column === undefined ? { ok: false, message: msg.split('\n')[0]! } : { ok: false, message: msg.split('\n')[0]!, column };
  }
}

/** What is known about an attack when conditions are evaluated. Absent fields are unknown. */
export interface AttackContext {
  readonly attacker: CCode;
  readonly target: CCode;
  readonly attackerAllies: readonly CCode[];
  readonly targetAllies: readonly CCode[];
  readonly location?: string;
  readonly provoked?: boolean;
  readonly conflict?: string;
}

/** Outcome of evaluating a condition. */
export type ConditionOutcome =
  | { status: 'met' }
  | { status: 'not-met' }
  | { status: 'undetermined'; missing: string; message: string };

const compiled = new Map<string, (ctx: Record<string, unknown>) => unknown>();

/** Evaluates a condition against an attack. Throws `ConditionError` only for a malformed condition. */
export function evaluateCondition(expression: string, ctx: AttackContext): ConditionOutcome {
  let fn = compiled.get(expression);
  if (!fn) {
    const check = checkCondition(expression);
    if (!check.ok) throw new ConditionError('E_CONDITION_INVALID', `condition '${expression}' is invalid: ${check.message}`);
    fn = environment().parse(expression) as unknown as (ctx: Record<string, unknown>) => unknown;
    compiled.set(expression, fn);
  }
  const vars: Record<string, unknown> = {
    attacker: BigInt(ctx.attacker),
    target: BigInt(ctx.target),
    attackerAllies: ctx.attackerAllies.map((c) => BigInt(c)),
    targetAllies: ctx.targetAllies.map((c) => BigInt(c)),
  };
  if (ctx.location !== undefined) vars.location = ctx.location;
  if (ctx.provoked !== undefined) vars.provoked = ctx.provoked;
  if (ctx.conflict !== undefined) vars.conflict = ctx.conflict;
  try {
    return fn(vars) === true ? { status: 'met' } : { status: 'not-met' };
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const m = /Unknown variable: (\w+)/.exec(msg);
    if (m && m[1] === 'unstated') {
      return { status: 'undetermined', missing: 'unstated', message: 'the source says the obligation is restricted but not how, so whether it applies cannot be decided' };
    }
    if (m) return { status: 'undetermined', missing: m[1]!, message: `the condition needs '${m[1]}', which was not given` };
    throw new ConditionError('E_CONDITION_EVAL', `condition '${expression}' failed: ${msg}`);
  }
}

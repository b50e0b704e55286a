/**
 * ATOP's condition columns as CEL conditions over the variables of src/core/conditions.ts.
 *
 * Where ATOP names the states (a specific-adversary condition with the threat states in
 * STATTHR1/STATTHR2) the condition tests the attacker; where it codes non-provocation the
 * condition tests `provoked`. Every other restriction (location, ongoing conflict, number of
 * adversaries, demands, consultation on request, other limits, an unnamed adversary) is coded by
 * ATOP only as "there is one": the condition then compares the variable it concerns with a
 * placeholder naming the ATOP column, e.g. `unstated["defcoloc"]`, which the engine never has a
 * value for: the answer is "undetermined", never an invented yes or no, whatever location or
 * conflict the caller supplies (ATOP does not say which one the treaty means).
 */
import type { AllianceType, CCode } from '../../core/model.js';

/** A condition for one member's obligation: the CEL expression (absent: unconditional) and words. */
export interface AtopCondition {
  readonly condition?: string;
  readonly conditionText?: string;
}

const PREFIX: Partial<Record<AllianceType, string>> = { defense: 'def', offense: 'off', neutrality: 'neu', consultation: 'con' };

// The variable argument says which kind of fact the restriction concerns (for readers of this code);
// the condition itself reads `unstated`, which is never supplied, so the answer stays undetermined.
const placeholder = (_concerns: 'location' | 'conflict', column: string): string => `unstated["${column}"]`;

/**
 * The condition ATOP codes for one member's obligation of `type`.
 * `v` reads the member row; `obligations` is how many of the five obligations the member has
 * (OLIMOB applies to one of them without saying which); `nameOf` names states for the text.
 */
export function atopCondition(type: AllianceType, v: (column: string) => number | null | undefined, obligations: number, nameOf: (c: CCode) => string): AtopCondition {
  const clauses: string[] = [];
  const texts: string[] = [];
  const p = PREFIX[type];
  const on = (col: string): boolean => v(col) === 1;
  if (p) {
    let specific = false;
    const adv = `${p}coadv`;
    if (on(adv)) {
      specific = true;
      const states = [v('statthr1'), v('statthr2')].filter((c): c is number => typeof c === 'number' && c > 0);
      if (states.length) {
        clauses.push(states.length === 1 ? `attacker == ${states[0]}` : `attacker in [${states.join(', ')}]`);
        texts.push(`only against ${states.map((s) => `${nameOf(s)} (${s})`).join(' or ')}: the obligation is limited to a particular adversary (${adv.toUpperCase()}=1) and the treaty names ${states.length === 1 ? 'this state' : 'these states'} as the threat (STATTHR${states.length === 1 ? '1' : '1, STATTHR2'})`);
      } else {
        clauses.push(placeholder('conflict', adv));
        texts.push(`only against a particular adversary or kind of adversary that the data do not name (${adv.toUpperCase()}=1)`);
      }
    }
    const loc = `${p}coloc`;
    if (on(loc)) {
      specific = true;
      clauses.push(placeholder('location', loc));
      texts.push(`only for conflict in a particular location that the data do not name (${loc.toUpperCase()}=1)`);
    }
    const con = `${p}cocon`;
    if (on(con)) {
      specific = true;
      clauses.push(placeholder('conflict', con));
      texts.push(`only in a particular ongoing conflict (${con.toUpperCase()}=1)`);
    }
    const num = `${p}conum`;
    if (type !== 'consultation' && on(num)) {
      specific = true;
      clauses.push(placeholder('conflict', num));
      texts.push(`only for a particular number of adversaries (${num.toUpperCase()}=1)`);
    }
    const dem = `${p}codem`;
    if (type !== 'consultation' && on(dem)) {
      specific = true;
      clauses.push(placeholder('conflict', dem));
      texts.push(`only if the ally or the adversary meets demands set out in the treaty (${dem.toUpperCase()}=1)`);
    }
    if ((type === 'defense' || type === 'neutrality') && on(`${p}conpr`)) {
      specific = true;
      clauses.push('provoked == false');
      texts.push(`only if the ally did not provoke the attack (${p.toUpperCase()}CONPR=1)`);
    }
    if (type === 'neutrality' && on('neucoatt')) {
      specific = true;
      texts.push('only if the ally is attacked (NEUCOATT=1), which holds in every attack on the ally that Pacta evaluates');
    }
    if (type === 'consultation' && on('concoreq')) {
      specific = true;
      clauses.push(placeholder('conflict', 'concoreq'));
      texts.push('consultation is owed when an ally requests it (CONCOREQ=1)');
    }
    if (!specific && on(`${p}con`)) {
      clauses.push(placeholder('conflict', `${p}con`));
      texts.push(`conditional on circumstances the data record only as a summary (${p.toUpperCase()}CON=1)`);
    }
  }
  if (on('olimob')) {
    if (obligations === 1) {
      clauses.push(placeholder('conflict', 'olimob'));
      texts.push('subject to a further limit that the other codes do not cover (OLIMOB=1)');
    } else {
      texts.push('ATOP codes a further limit (OLIMOB=1) on one or more of this member’s obligations without saying which; it is not applied here');
    }
  }
  return {
    ...(clauses.length ? { condition: clauses.join(' && ') } : {}),
    ...(texts.length ? { conditionText: `ATOP: ${texts.join('; ')}.` } : {}),
  };
}

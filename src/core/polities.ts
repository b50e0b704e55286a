/**
 * The polity registry: looks states up by COW code, abbreviation, name or alias, in any case,
 * and answers which states existed on a day.
 */
import { LookupError } from './errors.js';
import { previousDay, type IsoDay } from './dates.js';
import type { CCode, Polity } from './model.js';

/**
 * Gleditsch–Ward codes of states that COW, and so ATOP, record under another code over the same
 * years. Serbia is GW 340 (1878–1915 and from 2006) and COW 345, the one code COW keeps for
 * Serbia, Yugoslavia and Serbia again from 1878 on (GW gives Yugoslavia, 1918–2006, its own 345).
 * The other GW codes that COW lacks (89, 99, 563, 564, 711, and 815, which ATOP codes 8152) are
 * states COW does not list at all.
 */
export const GW_STATES_COW_CODES: Readonly<Record<number, CCode>> = { 340: 345 };

/** Folds case, accents and punctuation so that "Soviet union", "soviet-union" and "SOVIET UNION" match. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * How well normalised keys match a normalised query: 0 exact, 1 prefix, 2 at the start of a
 * later word, 3 inside a word, 4 when `loose` accepts a key, Infinity for no match. Shared by
 * state and treaty search.
 */
export function matchScore(query: string, keys: readonly string[], loose: (key: string) => boolean): number {
  let best = Infinity;
  for (const k of keys) {
    if (k === query) return 0;
    if (k.startsWith(query)) {
      best = Math.min(best, 1);
      continue;
    }
    // A match at the start of a word ("rus" in "prussia and russia") before one inside a word ("cyprus").
    if (k.includes(query)) best = Math.min(best, k.includes(` ${query}`) ? 2 : 3);
    else if (best > 4 && loose(k)) best = 4;
  }
  return best;
}

/** An immutable set of polities with name lookup. */
export class PolityRegistry {
  readonly #byCode = new Map<CCode, Polity>();
  readonly #byKey = new Map<string, Set<CCode>>();
  /** Normalised search keys of each polity, computed once. */
  readonly #searchKeys = new Map<CCode, string[]>();
  /** Successions by predecessor and its last day (`code@day`): the engine asks once per party. */
  readonly #successions = new Map<string, { successor: CCode; continuity: boolean }>();

  constructor(polities: Iterable<Polity>) {
    for (const p of polities) {
      const existing = this.#byCode.get(p.ccode);
      const merged: Polity = existing
        ? {
            ...existing,
            ...p,
            aliases: [...new Set([...existing.aliases, ...p.aliases, ...(existing.name !== p.name ? [existing.name] : [])])],
            spells: p.spells.length ? p.spells : existing.spells,
            ...(p.historicalNames ?? existing.historicalNames ? { historicalNames: p.historicalNames ?? existing.historicalNames } : {}),
          }
        : p;
      this.#byCode.set(p.ccode, merged);
    }
    for (const p of this.#byCode.values()) {
      for (const key of [p.abbrev, p.name, ...p.aliases, ...(p.historicalNames ?? []).map((h) => h.name)]) this.#index(key, p.ccode);
      this.#searchKeys.set(p.ccode, [String(p.ccode), p.abbrev, p.name, ...p.aliases].map(normalizeName));
    }
    for (const p of this.#byCode.values()) {
      for (const s of p.succeeds ?? []) {
        const key = `${s.ccode}@${previousDay(s.on)}`;
        if (!this.#successions.has(key)) this.#successions.set(key, { successor: p.ccode, continuity: s.continuity });
      }
    }
  }

  #index(key: string, code: CCode): void {
    const k = normalizeName(key);
    if (!k) return;
    let set = this.#byKey.get(k);
    if (!set) this.#byKey.set(k, (set = new Set()));
    set.add(code);
  }

  /** Every polity, ordered by code. */
  all(): Polity[] {
    return [...this.#byCode.values()].sort((a, b) => a.ccode - b.ccode);
  }

  /** The polity with this code, if known. */
  get(code: CCode): Polity | undefined {
    return this.#byCode.get(code);
  }

  /** Display name of a code; falls back to the bare code for states outside the registry. */
  nameOf(code: CCode): string {
    return this.#byCode.get(code)?.name ?? `state ${code}`;
  }

  /** Name of a state on a day: its historical name then (e.g. Soviet Union in 1979), else its preferred name. */
  nameOn(code: CCode, day: IsoDay): string {
    const p = this.#byCode.get(code);
    if (!p) return `state ${code}`;
    return p.historicalNames?.find((h) => day >= h.start && day <= h.end)?.name ?? p.name;
  }

  /**
   * If the state's spell of system membership that contains `day` ends (the state ceased to
   * exist), its last day and the successor that took over on the next day, if any.
   */
  cessation(code: CCode, day: IsoDay): { end: IsoDay; successor?: CCode; continuity: boolean } | null {
    const spell = this.#byCode.get(code)?.spells.find((s) => day >= s.start && (s.end === null || day <= s.end));
    if (!spell || spell.end === null) return null;
    const next = this.#successions.get(`${code}@${spell.end}`);
    return next ? { end: spell.end, successor: next.successor, continuity: next.continuity } : { end: spell.end, continuity: false };
  }

  /** Codes whose code, abbreviation, name or alias matches the query exactly (after normalising). */
  candidates(query: string | number): CCode[] {
    if (typeof query === 'number') return this.#byCode.has(query) ? [query] : [];
    const q = query.trim();
    if (/^\d+$/.test(q)) {
      const code = Number(q);
      return this.#byCode.has(code) ? [code] : [];
    }
    return [...(this.#byKey.get(normalizeName(q)) ?? [])].sort((a, b) => a - b);
  }

  /**
   * Resolves a state reference to its COW code. Throws `LookupError` with code
   * `E_STATE_UNKNOWN` (with near matches as candidates) or `E_STATE_AMBIGUOUS`. With `day`, a
   * name whose state did not exist that day while states of that day bear it in theirs is
   * ambiguous too: "Korea" in 1960 is not the Korea of 1887–1905 but North or South Korea.
   */
  resolve(query: string | number, day?: IsoDay): CCode {
    const found = this.candidates(query);
    if (found.length === 1 && day !== undefined && typeof query === 'string' && !/^\s*\d+\s*$/.test(query) && !this.existsOn(found[0]!, day)) {
      const q = ` ${normalizeName(query)} `;
      const then = [...this.#byCode.values()].filter((p) => p.ccode !== found[0] && p.spells.length > 0 && this.existsOn(p.ccode, day) && this.#searchKeys.get(p.ccode)!.some((k) => ` ${k} `.includes(q))).map((p) => p.ccode);
      if (then.length) {
        const all = [...then, found[0]!];
        throw new LookupError(
          'E_STATE_AMBIGUOUS',
          `'${query}' on ${day} may mean ${then.map((c) => `${this.nameOn(c, day)} (${c})`).join(', ')}; ${this.nameOf(found[0]!)} (${found[0]}), which bears the name, was not a state then`,
          all.map((c) => ({ id: String(c), label: this.nameOn(c, day) })),
          { hint: 'use the COW code to pick one' },
        );
      }
    }
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new LookupError(
        'E_STATE_AMBIGUOUS',
        `'${query}' names more than one state: ${found.map((c) => `${this.nameOf(c)} (${c})`).join(', ')}`,
        found.map((c) => ({ id: String(c), label: this.nameOf(c) })),
        { hint: 'use the COW code to pick one' },
      );
    }
    const near = this.search(String(query), 5);
    throw new LookupError(
      'E_STATE_UNKNOWN',
      `no state is called '${query}'`,
      near.map((p) => ({ id: String(p.ccode), label: p.name })),
      { hint: near.length ? `did you mean ${near.map((p) => `${p.name} (${p.ccode})`).join(', ')}?` : 'use a COW code, abbreviation or name' },
    );
  }

  /** Polities whose names contain the query, best matches first. */
  search(query: string, limit = 20): Polity[] {
    const q = normalizeName(query);
    if (!q) return [];
    const scored: { p: Polity; score: number }[] = [];
    const loose = (k: string) => q.length >= 4 && k.length >= 4 && q.includes(k);
    for (const p of this.#byCode.values()) {
      const best = matchScore(q, this.#searchKeys.get(p.ccode)!, loose);
      if (best < Infinity) scored.push({ p, score: best });
    }
    return scored.sort((a, b) => a.score - b.score || a.p.ccode - b.p.ccode).slice(0, limit).map((s) => s.p);
  }

  /** True when the state was a member of the state system on the day (unknown spells count as yes). */
  existsOn(code: CCode, day: IsoDay): boolean {
    const p = this.#byCode.get(code);
    if (!p || p.spells.length === 0) return true;
    return p.spells.some((s) => day >= s.start && (s.end === null || day <= s.end));
  }
}

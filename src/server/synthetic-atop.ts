/**
 * A synthetic corpus of ATOP's size and shape (about 770 alliances, 2,500 member spells, the five
 * obligation types, 1815 to 2018), for load and redraw measurements while the real ATOP import is
 * not in the database. Deterministic: the same seed gives the same treaties. Never shown as data:
 * every treaty has origin `atop-synthetic` and says so in its name and source.
 */
import type { CCode, ProvisionType, Treaty } from '../core/model.js';

/** A small deterministic pseudo-random generator (xorshift32); `next()` is in [0, 1). */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const TYPES: readonly [ProvisionType, number][] = [
  ['defense', 0.45],
  ['offense', 0.1],
  ['neutrality', 0.25],
  ['nonaggression', 0.45],
  ['consultation', 0.55],
];

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Builds `count` synthetic alliances among `states`. */
export function syntheticAtop(states: readonly CCode[], options: { count?: number; seed?: number } = {}): Treaty[] {
  const rnd = generator(options.seed ?? 20240501);
  const count = options.count ?? 770;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: Treaty[] = [];
  for (let i = 1; i <= count; i++) {
    const r = rnd();
    const size = r < 0.7 ? 2 : r < 0.9 ? 3 + Math.floor(rnd() * 4) : r < 0.97 ? 7 + Math.floor(rnd() * 9) : 16 + Math.floor(rnd() * 20);
    const members = new Set<CCode>();
    while (members.size < Math.min(size, states.length)) members.add(pick(states));
    // More alliances after 1945, as in ATOP.
    const year = rnd() < 0.35 ? 1815 + Math.floor(rnd() * 130) : 1945 + Math.floor(rnd() * 74);
    const start = iso(year, 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28));
    const open = year > 1960 && rnd() < 0.3;
    const endYear = Math.min(2018, year + 1 + Math.floor(rnd() * 40));
    const end = open ? null : iso(endYear, 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28));
    const types = TYPES.filter(([, p]) => rnd() < p).map(([t]) => t);
    if (!types.length) types.push('consultation');
    const id = `synthetic-atop-${String(i).padStart(4, '0')}`;
    const ref = [{ source: 'synthetic', at: `alliance ${i}` }];
    out.push({
      id,
      atopids: [],
      names: [{ text: `Synthetic alliance ${i} (test data)`, lang: 'en' }],
      sources: { synthetic: { id: 'synthetic', kind: 'dataset', title: 'Synthetic ATOP-sized test data (not real alliances)' } },
      parties: [...members].map((state) => ({ state, role: 'original' as const, spells: [{ start, end, sources: ref }], sources: ref })),
      signatories: [],
      events: [{ type: 'signature', date: start, sources: ref }, ...(end ? [{ type: 'termination' as const, date: end, sources: ref }] : [])],
      provisions: types.map((type) => ({ id: type, type, bearers: 'all' as const, beneficiaries: 'others' as const, sources: ref })),
      relations: [],
      claims: [],
      origin: 'atop-synthetic',
    });
  }
  return out;
}

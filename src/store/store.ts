/**
 * The store contract: what every backend (SQLite, PostgreSQL) provides, in core terms.
 * Backends hold only what differs between databases; the contract suite in
 * `store.contract.ts` runs against each of them.
 */
import type { Polity, Treaty } from '../core/model.js';
import { PactaError } from '../core/errors.js';

/** A store that cannot be opened as one (a file that is not a database). */
export class StoreOpenError extends PactaError {}

/** A record of one import, so that re-importing the same bytes can be recognised. */
export interface ImportRecord {
  /** What was imported: `treaties`, `atop`, `cow-states`, `article`… */
  readonly kind: string;
  /** The origin label of the records it wrote, e.g. `curated`, `atop-5.1`. */
  readonly origin: string;
  readonly file: string;
  readonly sha256: string;
  readonly rows: number;
}

/** What a write did to one record. */
export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

/** Writes, available inside a transaction only. */
export interface StoreWriter {
  putTreaty(t: Treaty): Promise<WriteOutcome>;
  /** Deletes every treaty of an origin except the listed ids; returns how many were deleted. */
  deleteTreatiesExcept(origin: string, keep: readonly string[]): Promise<number>;
  putPolity(p: Polity): Promise<WriteOutcome>;
  recordImport(r: ImportRecord): Promise<void>;
}

/** A Pacta store. Every method is async so that network databases fit the same contract. */
export interface Store {
  /** `sqlite` or `postgres`. */
  readonly backend: string;
  /** Human-readable location (file path or connection target without password). */
  readonly location: string;
  /** Applies pending schema migrations; returns the versions applied. */
  migrate(): Promise<number[]>;
  /** The current schema version (0 for an empty database). */
  schemaVersion(): Promise<number>;
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T>;
  /** Every treaty (of one origin), in id order. */
  listTreaties(options?: { origin?: string }): Promise<Treaty[]>;
  /** How many treaties there are (of one origin), without reading them. */
  countTreaties(options?: { origin?: string }): Promise<number>;
  /** One treaty by id; undefined when there is none. */
  getTreaty(id: string): Promise<Treaty | undefined>;
  /** Every polity, by COW code. */
  listPolities(): Promise<Polity[]>;
  /** Every import record, oldest first. */
  listImports(): Promise<ImportRecord[]>;
  /** Counts per table, for status output and tests. */
  counts(): Promise<{ treaties: number; polities: number; imports: number }>;
  close(): Promise<void>;
}

/** Schema migrations, shared by the backends as portable SQL. Append only; never edit a released one. */
export const MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly sql: readonly string[] }[] = [
  {
    version: 1,
    name: 'treaties, polities and imports',
    sql: [
      `CREATE TABLE polities (ccode INTEGER PRIMARY KEY, abbrev TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL)`,
      `CREATE TABLE treaties (id TEXT PRIMARY KEY, origin TEXT NOT NULL, doc TEXT NOT NULL)`,
      `CREATE INDEX treaties_origin ON treaties (origin)`,
      `CREATE TABLE treaty_atopids (treaty_id TEXT NOT NULL REFERENCES treaties (id) ON DELETE CASCADE, atopid INTEGER NOT NULL, PRIMARY KEY (treaty_id, atopid))`,
      `CREATE TABLE imports (seq INTEGER NOT NULL, kind TEXT NOT NULL, origin TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL, PRIMARY KEY (seq))`,
    ],
  },
];

/** Canonical JSON of a record, so that "unchanged" compares equal documents whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

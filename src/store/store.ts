/**
 * The store contract: what every backend (SQLite, PostgreSQL) provides, in core terms.
 * Backends hold only what differs between databases; the contract suite in
 * `store.contract.ts` runs against each of them.
 */
import type { Polity, Treaty } from '../core/model.js';
import { PactaError } from '../core/errors.js';

/**
 * A store that cannot be opened, or used, as one. Codes: E_STORE_NOT_A_DATABASE (not a database,
 * or another program's), E_STORE_CANNOT_OPEN (a path, server or WAL file that cannot be read),
 * E_STORE_BUSY (another program holds the lock), and, opened for reading: E_STORE_EMPTY (no Pacta
 * store there yet), E_STORE_OUTDATED (a schema older than this Pacta's; opening it for writing
 * upgrades it), E_STORE_RECOVERY (an unfinished write that only a writable open rolls back).
 */
export class StoreOpenError extends PactaError {}

/**
 * A write (a transaction, a migration) that the store cannot take, E_STORE_READ_ONLY: it was
 * opened for reading only, or the database itself is read-only to this user (`reason`).
 */
export class StoreReadOnlyError extends PactaError {
  constructor(location: string, what: string, reason = 'it was opened for reading only', options: { cause?: unknown } = {}) {
    super('E_STORE_READ_ONLY', `cannot ${what} '${location}': ${reason}`, { hint: 'write to a database you may write (a copy of this one, say); reading commands need only read access', ...options });
  }
}

/**
 * For a store opened for reading only, whose schema has `version`: throws E_STORE_EMPTY when it
 * holds no Pacta store (0), E_STORE_OUTDATED when its schema is older than this Pacta's. `subject`
 * names it in the message (`'pacta.db'`, `schema 'pacta' of postgres://…`).
 */
export function requireCurrentSchema(subject: string, version: number): void {
  if (version === 0) throw new StoreOpenError('E_STORE_EMPTY', `${subject} holds no Pacta store yet`, { hint: 'load the curated treaties (pacta load treaties/) or import a dataset into it first' });
  if (version < SCHEMA_VERSION) {
    throw new StoreOpenError('E_STORE_OUTDATED', `${subject} has schema version ${version}, older than this Pacta's (${SCHEMA_VERSION}), and was opened for reading only`, {
      hint: 'open it once for writing (pacta load or pacta import), which upgrades it',
    });
  }
}

/** How a backend opens a store. */
export interface OpenStoreOptions {
  /**
   * Open for reading only: nothing is written, not even a schema migration; the database refuses
   * writes itself (SQLite's read-only mode, PostgreSQL's read-only transactions), so a user who
   * may only read the database can still query it. A missing store, or one of a schema older than
   * this Pacta's, is then a `StoreOpenError` (E_STORE_EMPTY, E_STORE_OUTDATED). Default false.
   */
  readonly readonly?: boolean;
  /** Apply pending migrations on open, when writable (default true). */
  readonly migrate?: boolean;
}

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
  /** False when opened for reading only: `transaction` and `migrate` then throw `StoreReadOnlyError`. */
  readonly writable: boolean;
  /** True when this open created the store: a new SQLite file (or an in-memory one), a new PostgreSQL schema. */
  readonly created: boolean;
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
  /** Closes the store; closing it again does nothing. */
  close(): Promise<void>;
  /**
   * Closes the store and removes it (the SQLite file, the PostgreSQL schema), so that a command
   * whose input was refused leaves nothing behind. Only for a store this open created and that
   * holds no record; throws otherwise, removing nothing.
   */
  discard(): Promise<void>;
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

/**
 * Throws, for `Store.discard`, unless this open created `store` and it holds no record: a store
 * that existed before, or that a command has written to, is never removed.
 */
export async function refuseDiscard(store: Store): Promise<void> {
  if (!store.created) throw new Error(`discard: ${store.location} existed before it was opened; it is kept`);
  const c = await store.counts();
  if (c.treaties + c.polities + c.imports > 0) throw new Error(`discard: ${store.location} holds records; it is kept`);
}

/** The newest schema version this Pacta knows. */
export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)!.version;

/**
 * Whether a database (or PostgreSQL schema) holding `tables` is Pacta's. Other programs name a
 * table `schema_migrations` too (Rails, golang-migrate): Pacta's has exactly the columns
 * `version, name` (`columns`, any order) and its version-1 row names Pacta's first migration
 * (`firstMigration`); a `schema_migrations` alone with no rows is a store whose first migration
 * has not run yet. No tables at all: a new, empty database, which Pacta may take.
 */
export function isPactaSchema(tables: readonly string[], columns: readonly string[], firstMigration: string | undefined): boolean {
  if (tables.length === 0) return true;
  if (!tables.includes('schema_migrations')) return false;
  if ([...columns].sort().join(',') !== 'name,version') return false;
  return firstMigration === undefined ? tables.length === 1 : firstMigration === MIGRATIONS[0]!.name;
}

/** Canonical JSON of a record, so that "unchanged" compares equal documents whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

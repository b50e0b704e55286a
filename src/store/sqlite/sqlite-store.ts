/**
 * The SQLite backend (better-sqlite3). The default store: one file, `./pacta.db` unless told otherwise.
 */
import { accessSync, constants, existsSync, realpathSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Polity, Treaty } from '../../core/model.js';
import { PactaError } from '../../core/errors.js';
import { canonicalJson, isPactaSchema, MIGRATIONS, refuseDiscard, requireCurrentSchema, StoreOpenError, StoreReadOnlyError, type ImportRecord, type OpenStoreOptions, type Store, type StoreWriter, type WriteOutcome } from '../store.js';

/** What to do about a file that is not a Pacta database. */
const NOT_A_DATABASE_HINT = 'give --db (or PACTA_DB) a database that pacta load or pacta import made, or a new file name';

/**
 * Opens (creating if needed) a SQLite store at `file` (`:memory:` for a throwaway one) and migrates
 * it; with `readonly`, opens an existing one without writing anything to it (see
 * `OpenStoreOptions`). A file that SQLite cannot read as a database is a `StoreOpenError`
 * (E_STORE_NOT_A_DATABASE), and so is a path it cannot open at all (E_STORE_CANNOT_OPEN).
 */
export async function openSqliteStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const readonly = options.readonly ?? false;
  const created = !readonly && (file === ':memory:' || !existsSync(file));
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (err) {
    // better-sqlite3 checks the folder itself (a TypeError); SQLite then says SQLITE_CANTOPEN.
    const folderMissing = err instanceof TypeError && /directory does not exist/.test(err.message);
    if (!folderMissing && (err as { code?: unknown }).code !== 'SQLITE_CANTOPEN') throw err;
    throw new StoreOpenError('E_STORE_CANNOT_OPEN', `cannot open '${file}' as a database (a folder, a missing folder, or no permission)`, { hint: 'give --db (or PACTA_DB) a database file, or a new file name in a folder you can write to', cause: err });
  }
  try {
    // SQLite opens a file it may not write read-only without a word, and its first read may already
    // write (rolling back a killed program's unfinished write): say so before anything is read.
    if (!readonly && file !== ':memory:' && !mayWrite(file)) throw new StoreReadOnlyError(file, 'write', 'the database file or its folder is read-only for this user');
    // Another program's database is not migrated into a Pacta one (nor its journal mode changed).
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const hasMigrations = tables.includes('schema_migrations');
    const columns = hasMigrations ? (db.prepare('PRAGMA table_info(schema_migrations)').all() as { name: string }[]).map((c) => c.name) : [];
    const first = hasMigrations && columns.includes('name') ? (db.prepare('SELECT name FROM schema_migrations WHERE version = 1').get() as { name: string } | undefined) : undefined;
    if (!isPactaSchema(tables, columns, first?.name)) {
      const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      throw new StoreOpenError('E_STORE_NOT_A_DATABASE', `'${file}' is not a Pacta database: it is another SQLite database (tables: ${listed})`, { hint: NOT_A_DATABASE_HINT });
    }
    const store = new SqliteStore(db, file, !readonly, created);
    if (readonly) {
      requireCurrentSchema(`'${file}'`, await store.schemaVersion());
      return store;
    }
    // A rollback journal, not WAL: SQLite reads a WAL database only where it may create the
    // database's -shm file, so a database in a folder that others own could not be queried at
    // all. This also turns the WAL databases of earlier Pacta versions into rollback ones, unless
    // another connection has the file open (SQLITE_BUSY): it then stays in WAL until a later write.
    try {
      db.pragma('journal_mode = DELETE');
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
    }
    db.pragma('foreign_keys = ON');
    if (options.migrate !== false) await store.migrate();
    return store;
  } catch (err) {
    db.close();
    if (err instanceof PactaError) throw err;
    throw sqliteError(file, err, readonly);
  }
}

/**
 * The PactaError for what SQLite said while opening or writing `file`, when it is one a user can
 * act on; otherwise `err` itself. Extended codes (SQLITE_READONLY_DIRECTORY…) count with their
 * primary code.
 */
function sqliteError(file: string, err: unknown, readonly: boolean): unknown {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_READONLY_ROLLBACK') {
    return new StoreOpenError('E_STORE_RECOVERY', `'${file}' holds an unfinished write (a program stopped in the middle of one), which only a writable open can roll back`, {
      hint: 'run any pacta command as a user who may write the file (reading commands roll it back themselves when they may), then read it',
      cause: err,
    });
  }
  if (readonly && (code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN')) {
    return new StoreOpenError('E_STORE_CANNOT_OPEN', `cannot read '${file}': it is in WAL mode (a database of an earlier Pacta), which SQLite reads only where it may create '${file}-shm'`, {
      hint: 'open it once with a command that writes (pacta load or pacta import, as a user who may write it), which switches it to a rollback journal; or copy it to a folder you can write',
      cause: err,
    });
  }
  if (code.startsWith('SQLITE_READONLY')) return new StoreReadOnlyError(file, 'write', 'the database file or its folder is read-only for this user', { cause: err });
  if (code.startsWith('SQLITE_BUSY')) {
    return new StoreOpenError('E_STORE_BUSY', `'${file}' is busy: another program holds a lock on it`, { hint: 'try again when that program (an import, a long read) has finished', cause: err });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreOpenError('E_STORE_CANNOT_OPEN', `cannot use '${file}': SQLite says "${(err as Error).message}" (${code})`, { hint: 'check that the file and its folder can be written, and that the disk is not full', cause: err });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreOpenError('E_STORE_NOT_A_DATABASE', `'${file}' is not a Pacta database: SQLite reads it as "${(err as Error).message}"`, { hint: NOT_A_DATABASE_HINT, cause: err });
  }
  return err;
}

/** Whether this process may write the file and create its journal next to it (where a link leads). */
function mayWrite(file: string): boolean {
  try {
    const real = realpathSync(file);
    accessSync(real, constants.W_OK);
    accessSync(dirname(real), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

class SqliteStore implements Store {
  readonly backend = 'sqlite';
  #inTx = false;
  constructor(
    readonly db: Database.Database,
    readonly location: string,
    readonly writable: boolean,
    readonly created: boolean,
  ) {}

  async migrate(): Promise<number[]> {
    if (!this.writable) throw new StoreReadOnlyError(this.location, 'migrate');
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
    const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        for (const sql of m.sql) this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      })();
      applied.push(m.version);
    }
    return applied;
  }

  async schemaVersion(): Promise<number> {
    const exists = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
    if (!exists) return 0;
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  }

  async transaction<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    if (this.#inTx) throw new Error('SqliteStore.transaction: transactions do not nest');
    if (!this.writable) throw new StoreReadOnlyError(this.location, 'write');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      throw sqliteError(this.location, err, false);
    }
    this.#inTx = true;
    try {
      const result = await fn(this.#writer());
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // E.g. a file that became read-only, or another program's write holding the lock.
      throw err instanceof PactaError ? err : sqliteError(this.location, err, false);
    } finally {
      this.#inTx = false;
    }
  }

  #writer(): StoreWriter {
    const db = this.db;
    const getDoc = db.prepare('SELECT doc FROM treaties WHERE id = ?');
    const upsert = db.prepare('INSERT INTO treaties (id, origin, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, doc = excluded.doc');
    const delAtop = db.prepare('DELETE FROM treaty_atopids WHERE treaty_id = ?');
    const insAtop = db.prepare('INSERT INTO treaty_atopids (treaty_id, atopid) VALUES (?, ?)');
    const getPol = db.prepare('SELECT doc FROM polities WHERE ccode = ?');
    const upPol = db.prepare('INSERT INTO polities (ccode, abbrev, name, doc) VALUES (?, ?, ?, ?) ON CONFLICT (ccode) DO UPDATE SET abbrev = excluded.abbrev, name = excluded.name, doc = excluded.doc');
    return {
      async putTreaty(t: Treaty): Promise<WriteOutcome> {
        const doc = canonicalJson(t);
        const old = getDoc.get(t.id) as { doc: string } | undefined;
        if (old?.doc === doc) return 'unchanged';
        upsert.run(t.id, t.origin, doc);
        delAtop.run(t.id);
        for (const a of new Set(t.atopids)) insAtop.run(t.id, a);
        return old ? 'updated' : 'inserted';
      },
      async deleteTreatiesExcept(origin: string, keep: readonly string[]): Promise<number> {
        const ids = (db.prepare('SELECT id FROM treaties WHERE origin = ?').all(origin) as { id: string }[]).map((r) => r.id);
        const keepSet = new Set(keep);
        const del = db.prepare('DELETE FROM treaties WHERE id = ?');
        let n = 0;
        for (const id of ids) if (!keepSet.has(id)) n += del.run(id).changes;
        return n;
      },
      async putPolity(p: Polity): Promise<WriteOutcome> {
        const doc = canonicalJson(p);
        const old = getPol.get(p.ccode) as { doc: string } | undefined;
        if (old?.doc === doc) return 'unchanged';
        upPol.run(p.ccode, p.abbrev, p.name, doc);
        return old ? 'updated' : 'inserted';
      },
      async recordImport(r: ImportRecord): Promise<void> {
        const seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM imports').get() as { s: number }).s;
        db.prepare('INSERT INTO imports (seq, kind, origin, file, sha256, rows) VALUES (?, ?, ?, ?, ?, ?)').run(seq, r.kind, r.origin, r.file, r.sha256, r.rows);
      },
    };
  }

  async listTreaties(options: { origin?: string } = {}): Promise<Treaty[]> {
    const rows = (options.origin
      ? this.db.prepare('SELECT doc FROM treaties WHERE origin = ? ORDER BY id').all(options.origin)
      : this.db.prepare('SELECT doc FROM treaties ORDER BY id').all()) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as Treaty);
  }

  async countTreaties(options: { origin?: string } = {}): Promise<number> {
    const row = (options.origin ? this.db.prepare('SELECT COUNT(*) AS n FROM treaties WHERE origin = ?').get(options.origin) : this.db.prepare('SELECT COUNT(*) AS n FROM treaties').get()) as { n: number };
    return row.n;
  }

  async getTreaty(id: string): Promise<Treaty | undefined> {
    const row = this.db.prepare('SELECT doc FROM treaties WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Treaty) : undefined;
  }

  async listPolities(): Promise<Polity[]> {
    return (this.db.prepare('SELECT doc FROM polities ORDER BY ccode').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as Polity);
  }

  async listImports(): Promise<ImportRecord[]> {
    return this.db.prepare('SELECT kind, origin, file, sha256, rows FROM imports ORDER BY seq').all() as ImportRecord[];
  }

  async counts(): Promise<{ treaties: number; polities: number; imports: number }> {
    const one = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return { treaties: one('SELECT COUNT(*) AS n FROM treaties'), polities: one('SELECT COUNT(*) AS n FROM polities'), imports: one('SELECT COUNT(*) AS n FROM imports') };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async discard(): Promise<void> {
    await refuseDiscard(this);
    await this.close();
    if (this.location === ':memory:') return;
    // The journal too, should SQLite have left one (it deletes it at each commit).
    for (const f of [this.location, `${this.location}-journal`, `${this.location}-wal`, `${this.location}-shm`]) rmSync(f, { force: true });
  }
}

/**
 * The PostgreSQL backend (`pg`). The caller hands in a `pg.Pool` (or a connection string) and,
 * optionally, a schema name so that several stores can share one database.
 */
import pg from 'pg';
import type { Polity, Treaty } from '../../core/model.js';
import { canonicalJson, isPactaSchema, MIGRATIONS, refuseDiscard, requireCurrentSchema, SCHEMA_VERSION, StoreOpenError, StoreReadOnlyError, type ImportRecord, type OpenStoreOptions, type Store, type StoreWriter, type WriteOutcome } from '../store.js';

/** Options for `openPostgresStore`. */
export interface PostgresStoreOptions extends OpenStoreOptions {
  /** Schema to use (created if missing, unless read-only); default `public`. */
  readonly schema?: string;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Opens a PostgreSQL store on a pool or connection string, and migrates it; with `readonly`, opens
 * an existing one without writing anything (see `OpenStoreOptions`), which a role that may only
 * read the tables can do. A schema holding another program's tables is refused
 * (E_STORE_NOT_A_DATABASE) rather than migrated into.
 */
export async function openPostgresStore(connection: pg.Pool | string, options: PostgresStoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`openPostgresStore: schema name '${schema}' must be a lower-case SQL identifier`);
  const readonly = options.readonly ?? false;
  const ownsPool = typeof connection === 'string';
  const pool = typeof connection === 'string' ? new pg.Pool({ connectionString: connection, max: 4 }) : connection;
  const store = new PostgresStore(pool, schema, ownsPool, !readonly);
  try {
    await store.prepare(options.migrate !== false);
    return store;
  } catch (err) {
    if (ownsPool) await pool.end();
    throw rightsError(store, err);
  }
}

/**
 * The PactaError for a refusal of the server while opening `store`: 42501, the role lacks a right
 * (to create the schema or its tables, to read them); 25006, its sessions are read-only (a
 * role's default, a standby server). Other errors are returned as they are.
 */
function rightsError(store: PostgresStore, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code !== '42501' && code !== '25006') return err;
  const said = (err as Error).message;
  if (store.writable) return new StoreReadOnlyError(store.location, 'write', `this role may not change it (${said})`, { cause: err });
  return new StoreOpenError('E_STORE_CANNOT_OPEN', `cannot read ${store.location}: ${said}`, { hint: `grant the role USAGE on schema ${store.schema} and SELECT on its tables`, cause: err });
}

class PostgresStore implements Store {
  readonly backend = 'postgres';
  readonly location: string;

  constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
    readonly ownsPool: boolean,
    readonly writable: boolean,
  ) {
    const o = pool.options;
    if (o.connectionString) {
      const url = new URL(o.connectionString);
      url.password = '';
      this.location = `${url.protocol}//${url.username}@${url.host}${url.pathname} schema ${schema}`;
    } else {
      this.location = `postgres://${o.user ?? ''}@${o.host ?? 'localhost'}:${o.port ?? 5432}/${o.database ?? ''} schema ${schema}`;
    }
  }

  async #withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // Session settings for this use only, reset before the client goes back: the pool may be the
    // caller's, shared with other stores and queries. A read-only store's sessions refuse writes.
    let failed: Error | undefined;
    try {
      await client.query(`SET search_path TO "${this.schema}"${this.writable ? '' : '; SET default_transaction_read_only TO on'}`);
      return await fn(client);
    } finally {
      try {
        await client.query(`RESET search_path${this.writable ? '' : '; RESET default_transaction_read_only'}`);
      } catch (err) {
        failed = err as Error;
      }
      // A client that could not be reset is closed, not pooled.
      client.release(failed);
    }
  }

  /**
   * Checks that the schema is a Pacta store (or empty) and, writable, creates and migrates it;
   * read-only, checks that it exists with the current schema (E_STORE_EMPTY, E_STORE_OUTDATED).
   * The tables are looked up in the catalog, not in information_schema, which shows a role only
   * the tables it has rights on; objects of extensions (PostGIS's spatial_ref_sys in public) are
   * not another program's tables.
   */
  async prepare(migrate: boolean): Promise<void> {
    const schema = this.schema;
    const found = await this.#withClient(async (c) => {
      let oid = (await c.query<{ oid: number }>('SELECT oid FROM pg_namespace WHERE nspname = $1', [schema])).rows[0]?.oid;
      if (oid === undefined) {
        if (!this.writable) return null;
        // Only when missing: CREATE SCHEMA needs the CREATE right on the database even with IF NOT EXISTS.
        await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        this.#created = true;
        oid = (await c.query<{ oid: number }>('SELECT oid FROM pg_namespace WHERE nspname = $1', [schema])).rows[0]!.oid;
      }
      const tables = (
        await c.query<{ t: string }>(
          `SELECT c.relname AS t FROM pg_class c WHERE c.relnamespace = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
           ORDER BY c.relname`,
          [oid],
        )
      ).rows.map((r) => r.t);
      const columns = (
        await c.query<{ c: string }>(
          "SELECT a.attname AS c FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid WHERE t.relnamespace = $1 AND t.relname = 'schema_migrations' AND a.attnum > 0 AND NOT a.attisdropped",
          [oid],
        )
      ).rows.map((r) => r.c);
      const first = columns.includes('name') && columns.includes('version') ? (await c.query<{ name: string }>(`SELECT name FROM "${schema}".schema_migrations WHERE version = 1`)).rows[0] : undefined;
      return { tables, columns, first };
    });
    const where = this.location.replace(/ schema \w+$/, '');
    if (found === null) throw new StoreOpenError('E_STORE_EMPTY', `schema '${schema}' of ${where} does not exist`, { hint: 'check the ?schema= name in the URL, or load or import into it first' });
    const { tables, columns, first } = found;
    if (!isPactaSchema(tables, columns, first?.name)) {
      const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      throw new StoreOpenError('E_STORE_NOT_A_DATABASE', `schema '${schema}' of ${where} holds another program's tables (${listed}), not a Pacta store`, {
        hint: 'give Pacta a schema of its own: add ?schema=pacta (any new name) to the URL',
      });
    }
    if (!this.writable) {
      requireCurrentSchema(`schema '${schema}' of ${where}`, await this.schemaVersion());
    } else if (migrate) await this.migrate();
  }

  async migrate(): Promise<number[]> {
    if (!this.writable) throw new StoreReadOnlyError(this.location, 'migrate');
    // No DDL for a current schema: CREATE TABLE IF NOT EXISTS needs the CREATE right on the schema
    // even when the table exists, which a role that may only change the rows lacks.
    if ((await this.schemaVersion()) >= SCHEMA_VERSION) return [];
    return this.#withClient(async (c) => {
      await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
      // Serialise concurrent migrators on this schema.
      await c.query('BEGIN');
      try {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pacta-migrate-${this.schema}`]);
        const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        const applied: number[] = [];
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          for (const sql of m.sql) await c.query(sql);
          await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          applied.push(m.version);
        }
        await c.query('COMMIT');
        return applied;
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
    });
  }

  async schemaVersion(): Promise<number> {
    return this.#withClient(async (c) => {
      const exists = await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schema_migrations'`, [this.schema]);
      if (!exists.rowCount) return 0;
      const r = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      return r.rows[0]?.v ?? 0;
    });
  }

  async transaction<T>(fn: (w: StoreWriter) => Promise<T>): Promise<T> {
    if (!this.writable) throw new StoreReadOnlyError(this.location, 'write');
    return this.#withClient(async (c) => {
      await c.query('BEGIN');
      try {
        const result = await fn(writer(c));
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK');
        // 42501: no privilege on a table; 25006: a read-only session (the role's or server's default).
        const code = (err as { code?: unknown }).code;
        if (code === '42501' || code === '25006') throw new StoreReadOnlyError(this.location, 'write', `this role may not write it (${(err as Error).message})`, { cause: err });
        throw err;
      }
    });
  }

  async listTreaties(options: { origin?: string } = {}): Promise<Treaty[]> {
    const r = options.origin
      ? await this.#withClient((c) => c.query<{ doc: string }>('SELECT doc FROM treaties WHERE origin = $1 ORDER BY id COLLATE "C"', [options.origin]))
      : await this.#withClient((c) => c.query<{ doc: string }>('SELECT doc FROM treaties ORDER BY id COLLATE "C"'));
    return r.rows.map((row) => JSON.parse(row.doc) as Treaty);
  }

  async countTreaties(options: { origin?: string } = {}): Promise<number> {
    const r = options.origin
      ? await this.#withClient((c) => c.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM treaties WHERE origin = $1', [options.origin]))
      : await this.#withClient((c) => c.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM treaties'));
    return r.rows[0]!.n;
  }

  async getTreaty(id: string): Promise<Treaty | undefined> {
    const r = await this.#withClient((c) => c.query<{ doc: string }>('SELECT doc FROM treaties WHERE id = $1', [id]));
    return r.rows[0] ? (JSON.parse(r.rows[0].doc) as Treaty) : undefined;
  }

  async listPolities(): Promise<Polity[]> {
    const r = await this.#withClient((c) => c.query<{ doc: string }>('SELECT doc FROM polities ORDER BY ccode'));
    return r.rows.map((row) => JSON.parse(row.doc) as Polity);
  }

  async listImports(): Promise<ImportRecord[]> {
    const r = await this.#withClient((c) => c.query<ImportRecord>('SELECT kind, origin, file, sha256, rows FROM imports ORDER BY seq'));
    return r.rows;
  }

  async counts(): Promise<{ treaties: number; polities: number; imports: number }> {
    const r = await this.#withClient((c) =>
      c.query<{ t: number; p: number; i: number }>('SELECT (SELECT COUNT(*) FROM treaties)::int AS t, (SELECT COUNT(*) FROM polities)::int AS p, (SELECT COUNT(*) FROM imports)::int AS i'),
    );
    const row = r.rows[0]!;
    return { treaties: row.t, polities: row.p, imports: row.i };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.ownsPool) await this.pool.end();
  }
  #closed = false;

  /** True when `prepare` created the schema. */
  get created(): boolean {
    return this.#created;
  }
  #created = false;

  async discard(): Promise<void> {
    await refuseDiscard(this);
    try {
      await this.#withClient((c) => c.query(`DROP SCHEMA "${this.schema}" CASCADE`));
    } finally {
      await this.close();
    }
  }
}

function writer(c: Queryable): StoreWriter {
  return {
    async putTreaty(t: Treaty): Promise<WriteOutcome> {
      const doc = canonicalJson(t);
      const old = await c.query<{ doc: string }>('SELECT doc FROM treaties WHERE id = $1', [t.id]);
      if (old.rows[0]?.doc === doc) return 'unchanged';
      await c.query('INSERT INTO treaties (id, origin, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, doc = excluded.doc', [t.id, t.origin, doc]);
      await c.query('DELETE FROM treaty_atopids WHERE treaty_id = $1', [t.id]);
      for (const a of new Set(t.atopids)) await c.query('INSERT INTO treaty_atopids (treaty_id, atopid) VALUES ($1, $2)', [t.id, a]);
      return old.rowCount ? 'updated' : 'inserted';
    },
    async deleteTreatiesExcept(origin: string, keep: readonly string[]): Promise<number> {
      const r = await c.query('DELETE FROM treaties WHERE origin = $1 AND NOT (id = ANY($2::text[]))', [origin, [...keep]]);
      return r.rowCount ?? 0;
    },
    async putPolity(p: Polity): Promise<WriteOutcome> {
      const doc = canonicalJson(p);
      const old = await c.query<{ doc: string }>('SELECT doc FROM polities WHERE ccode = $1', [p.ccode]);
      if (old.rows[0]?.doc === doc) return 'unchanged';
      await c.query('INSERT INTO polities (ccode, abbrev, name, doc) VALUES ($1, $2, $3, $4) ON CONFLICT (ccode) DO UPDATE SET abbrev = excluded.abbrev, name = excluded.name, doc = excluded.doc', [p.ccode, p.abbrev, p.name, doc]);
      return old.rowCount ? 'updated' : 'inserted';
    },
    async recordImport(r: ImportRecord): Promise<void> {
      await c.query('INSERT INTO imports (seq, kind, origin, file, sha256, rows) SELECT COALESCE(MAX(seq), 0) + 1, $1, $2, $3, $4, $5 FROM imports', [r.kind, r.origin, r.file, r.sha256, r.rows]);
    },
  };
}

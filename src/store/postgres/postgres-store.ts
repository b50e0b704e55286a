/**
 * The PostgreSQL backend (`pg`). The caller hands in a `pg.Pool` (or a connection string) and,
 * optionally, a schema name so that several stores can share one database.
 */
import pg from 'pg';
import type { Polity, Treaty } from '../../core/model.js';
import { canonicalJson, MIGRATIONS, type ImportRecord, type Store, type StoreWriter, type WriteOutcome } from '../store.js';

/** Options for `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** Schema to use (created if missing); default `public`. */
  readonly schema?: string;
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Opens a PostgreSQL store on a pool or connection string, and migrates it. */
export async function openPostgresStore(connection: pg.Pool | string, options: PostgresStoreOptions = {}): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`openPostgresStore: schema name '${schema}' must be a lower-case SQL identifier`);
  const ownsPool = typeof connection === 'string';
  const pool = typeof connection === 'string' ? new pg.Pool({ connectionString: connection, max: 4 }) : connection;
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const store = new PostgresStore(pool, schema, ownsPool);
  if (options.migrate !== false) await store.migrate();
  return store;
}

class PostgresStore implements Store {
  readonly backend = 'postgres';
  readonly location: string;

  constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
    readonly ownsPool: boolean,
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
    try {
      await client.query(`SET search_path TO ${this.schema}`);
      return await fn(client);
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<number[]> {
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
    return this.#withClient(async (c) => {
      await c.query('BEGIN');
      try {
        const result = await fn(writer(c));
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK');
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
    if (this.ownsPool) await this.pool.end();
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

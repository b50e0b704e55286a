/**
 * Opens the store a location names: a `postgres://` URL opens PostgreSQL, anything else is a
 * SQLite file path.
 */
import { existsSync, statSync } from 'node:fs';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { StoreOpenError, StoreReadOnlyError, type Store } from '../store/store.js';

/** True when the location is a PostgreSQL connection URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * True when the store at `location` can be opened without creating it. An empty file is not a
 * store yet: opening it would write the schema into it.
 */
export function storeExists(location: string): boolean {
  return isPostgresUrl(location) || location === ':memory:' || (existsSync(location) && statSync(location).size > 0);
}

/** True when the store holds curated treaties (`pacta load`), not only imported datasets. */
export async function holdsCuratedTreaties(store: Store): Promise<boolean> {
  return (await store.countTreaties({ origin: 'curated' })) > 0;
}

/** What a caller will do with a store: only read it, or write to it too. */
export type StoreAccess = 'read' | 'write';

/**
 * Opens the store at `location`. For `write` (the default) it is created if needed and migrated to
 * the current schema. For `read` it is opened read-only, so that a database the user may only read
 * (a shared file, a read-only PostgreSQL role) can be queried, and nothing is written to it: a
 * missing or older schema is an error (E_STORE_EMPTY, E_STORE_OUTDATED) rather than created or
 * upgraded. The one exception: a SQLite file that a stopped program left in the middle of a write
 * is first opened for writing when the user may, which rolls the unfinished write back.
 */
export async function openStore(location: string, options: { readonly access?: StoreAccess } = {}): Promise<Store> {
  if (options.access !== 'read' || location === ':memory:') return openBackend(location, false);
  try {
    return await openBackend(location, true);
  } catch (err) {
    if (!(err instanceof StoreOpenError && err.code === 'E_STORE_RECOVERY')) throw err;
    // Opening it for writing rolls the unfinished write back (and migrates nothing); then read.
    try {
      await (await openBackend(location, false, false)).close();
    } catch (recovery) {
      if (recovery instanceof StoreReadOnlyError) throw err;
      throw recovery;
    }
    return openBackend(location, true);
  }
}

async function openBackend(location: string, readonly: boolean, migrate = true): Promise<Store> {
  if (isPostgresUrl(location)) {
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    // Loaded on demand: the pg driver takes longer to load than a SQLite query takes to run.
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    return openPostgresStore(url.toString(), { readonly, migrate, ...(schema ? { schema } : {}) });
  }
  return openSqliteStore(location, { readonly, migrate });
}

/**
 * Opens the store a location names: a `postgres://` URL opens PostgreSQL, anything else is a
 * SQLite file path.
 */
import { existsSync, statSync } from 'node:fs';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

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

/** Opens (and migrates) the store at `location`. */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    // Loaded on demand: the pg driver takes longer to load than a SQLite query takes to run.
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    return openPostgresStore(url.toString(), schema ? { schema } : {});
  }
  return openSqliteStore(location);
}

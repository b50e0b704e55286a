/**
 * The store contract suite: every backend must pass it. Call `describeStoreContract` from a
 * backend's test file with a factory that opens a fresh, empty, migrated store, and, where the
 * backend can open one location twice, one that opens the same store again for reading only.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { Polity, Treaty } from '../core/model.js';
import { MIGRATIONS, type Store } from './store.js';

const treaty = (id: string, origin = 'curated', extra: Partial<Treaty> = {}): Treaty => ({
  id,
  atopids: [3200],
  names: [{ text: `Treaty ${id}`, lang: 'en' }, { text: '中苏友好同盟互助条约', lang: 'zh-Hans' }],
  sources: { text: { id: 'text', kind: 'treaty-text', title: 'Treaty text' } },
  parties: [
    { state: 365, role: 'original', sources: [{ source: 'text' }] },
    { state: 710, role: 'original', sources: [{ source: 'text' }] },
  ],
  signatories: [],
  events: [{ type: 'signature', date: '1950-02-14', sources: [{ source: 'text', at: 'art. 6' }] }],
  provisions: [],
  relations: [],
  claims: [],
  origin,
  ...extra,
});

const polity: Polity = { ccode: 365, abbrev: 'RUS', name: 'Russia', aliases: ['Soviet Union'], spells: [{ start: '1816-01-01', end: null }] };

/** Registers the contract tests for one backend. `openReadOnly` opens `store`'s location again, read-only. */
export function describeStoreContract(name: string, open: () => Promise<Store>, openReadOnly?: (store: Store) => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('is migrated to the latest schema version, and migrating again changes nothing', async () => {
      expect(await store.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
      expect(await store.migrate()).toEqual([]);
    });

    it('round-trips a treaty exactly, including non-Latin names', async () => {
      const t = treaty('a');
      await store.transaction(async (w) => expect(await w.putTreaty(t)).toBe('inserted'));
      expect(await store.getTreaty('a')).toEqual(t);
      expect(await store.getTreaty('missing')).toBeUndefined();
    });

    it('reports unchanged and updated writes', async () => {
      await store.transaction(async (w) => w.putTreaty(treaty('a')));
      await store.transaction(async (w) => expect(await w.putTreaty(treaty('a'))).toBe('unchanged'));
      await store.transaction(async (w) => expect(await w.putTreaty(treaty('a', 'curated', { summary: 'changed' }))).toBe('updated'));
      expect((await store.getTreaty('a'))?.summary).toBe('changed');
    });

    it('rolls back every write of a failed transaction', async () => {
      await store.transaction(async (w) => w.putTreaty(treaty('keep')));
      await expect(
        store.transaction(async (w) => {
          await w.putTreaty(treaty('b'));
          await w.putPolity(polity);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.listTreaties()).map((t) => t.id)).toEqual(['keep']);
      expect(await store.counts()).toEqual({ treaties: 1, polities: 0, imports: 0 });
    });

    it('lists treaties by origin and deletes the ones a re-import no longer has', async () => {
      await store.transaction(async (w) => {
        await w.putTreaty(treaty('c1'));
        await w.putTreaty(treaty('a1', 'atop-5.1'));
        await w.putTreaty(treaty('a2', 'atop-5.1'));
      });
      expect((await store.listTreaties({ origin: 'atop-5.1' })).map((t) => t.id)).toEqual(['a1', 'a2']);
      expect([await store.countTreaties(), await store.countTreaties({ origin: 'atop-5.1' }), await store.countTreaties({ origin: 'curated' }), await store.countTreaties({ origin: 'atop-4.01' })]).toEqual([3, 2, 1, 0]);
      const deleted = await store.transaction(async (w) => w.deleteTreatiesExcept('atop-5.1', ['a2']));
      expect(deleted).toBe(1);
      expect((await store.listTreaties()).map((t) => t.id)).toEqual(['a2', 'c1']);
    });

    it('stores polities and import records', async () => {
      await store.transaction(async (w) => {
        expect(await w.putPolity(polity)).toBe('inserted');
        expect(await w.putPolity(polity)).toBe('unchanged');
        await w.recordImport({ kind: 'treaties', origin: 'curated', file: 'treaties/a.yaml', sha256: 'ab', rows: 1 });
      });
      expect(await store.listPolities()).toEqual([polity]);
      expect(await store.listImports()).toEqual([{ kind: 'treaties', origin: 'curated', file: 'treaties/a.yaml', sha256: 'ab', rows: 1 }]);
    });

    it('is writable when opened for writing', () => {
      expect(store.writable).toBe(true);
    });

    // Registered only where a location can be opened twice (not an in-memory SQLite database).
    if (openReadOnly) it('opened again for reading only, answers as the writable store does and refuses every write', async () => {
      const t = treaty('a');
      await store.transaction(async (w) => {
        await w.putTreaty(t);
        await w.putPolity(polity);
        await w.recordImport({ kind: 'treaties', origin: 'curated', file: 'treaties/a.yaml', sha256: 'ab', rows: 1 });
      });
      const reader = await openReadOnly(store);
      try {
        expect(reader.writable).toBe(false);
        expect(await reader.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
        expect(await reader.getTreaty('a')).toEqual(t);
        expect(await reader.listTreaties()).toEqual([t]);
        expect(await reader.countTreaties({ origin: 'curated' })).toBe(1);
        expect(await reader.listPolities()).toEqual([polity]);
        expect(await reader.counts()).toEqual({ treaties: 1, polities: 1, imports: 1 });
        let called = false;
        await expect(
          reader.transaction(async (w) => {
            called = true;
            return w.putTreaty(treaty('b'));
          }),
        ).rejects.toMatchObject({ name: 'StoreReadOnlyError', code: 'E_STORE_READ_ONLY', message: `cannot write '${reader.location}': it was opened for reading only` });
        expect(called).toBe(false);
        await expect(reader.migrate()).rejects.toMatchObject({ code: 'E_STORE_READ_ONLY' });
      } finally {
        await reader.close();
      }
      expect(await store.counts()).toEqual({ treaties: 1, polities: 1, imports: 1 });
    });

    it('was created by this open, and is discarded only while it holds no record', async () => {
      expect(store.created).toBe(true);
      await store.transaction(async (w) => w.recordImport({ kind: 'treaties', origin: 'curated', file: 'treaties/a.yaml', sha256: 'ab', rows: 1 }));
      await expect(store.discard()).rejects.toThrow(/holds records; it is kept/);
      expect(await store.counts()).toEqual({ treaties: 0, polities: 0, imports: 1 });
    });

    if (openReadOnly) {
      it('discarded while empty, leaves nothing to open; opened again, it was not created by that open and is kept', async () => {
        const again = await openReadOnly(store);
        expect(again.created).toBe(false);
        await expect(again.discard()).rejects.toThrow(/existed before it was opened; it is kept/);
        await again.close();
        await store.discard();
        await store.close(); // a second close does nothing
        await expect(openReadOnly(store)).rejects.toMatchObject({ name: 'StoreOpenError' });
      });
    }
  });
}

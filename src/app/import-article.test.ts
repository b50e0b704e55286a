import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { loadRegistry } from './registry.js';
import { loadFiles } from './treaty-files.js';
import { importArticles } from './import-article.js';
import { openEngine } from './engine.js';
import { CORPUS_DIR, PACKAGE_ROOT } from './files.js';

const shared = process.env.PACTA_SHARED ?? resolve(PACKAGE_ROOT, '..', 'shared');
const articles = join(shared, 'encyclopedia', 'articles');
const present = existsSync(articles);
if (!present && process.env.CI === 'true') throw new Error(`the encyclopedia articles must be present under CI: ${articles}`);
if (!present) console.warn(`skipping article import tests: ${articles} is absent (set PACTA_SHARED)`);

describe.skipIf(!present)('pacta import article', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-article-'));
  let store: Store;
  beforeAll(async () => {
    store = await openSqliteStore(join(dir, 'a.db'));
    const r = await loadFiles(store, [CORPUS_DIR], await loadRegistry(store));
    expect(r.problems).toEqual([]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const docs = async () => JSON.stringify(await store.listTreaties());

  it('attaches the seed article to the curated 1950 treaty, and its expiry shows as a disagreement', async () => {
    const r = await importArticles(store, [join(articles, 'sino-soviet-1950-seed.txt')], await loadRegistry(store));
    expect(r.problems).toEqual([]);
    expect(r.articles[0]).toMatchObject({ outcome: 'attached', target: 'sino-soviet-1950' });
    const engine = await openEngine(store, { today: '2026-11-28' });
    const end = engine.disagreements({ treaty: 'sino-soviet-1950', field: 'end' })[0]!;
    const article = end.alternatives.filter((a) => a.value === '1979-02-16');
    expect(article.map((a) => a.kind)).toContain('encyclopedia');
    expect(article.flatMap((a) => a.sources.map((s) => s.at))).toContain('line 9');
    expect(engine.treaty('sino-soviet-1950').signatories.map((s) => s.person)).toEqual(expect.arrayContaining(['Joseph Stalin', 'Mao Zedong', 'Zhou Enlai', 'Andrey Vyshinsky']));
  });

  it('changes nothing when the same article is imported again', async () => {
    const before = await docs();
    const r = await importArticles(store, [join(articles, 'sino-soviet-1950-seed.txt')], await loadRegistry(store));
    expect(r.articles[0]!.outcome).toBe('unchanged');
    expect(await docs()).toBe(before);
  });

  it('creates nothing for an article that does not match beyond doubt, and reports the candidates', async () => {
    const before = await docs();
    const r = await importArticles(store, [join(articles, 'tripartite-pact.txt')], await loadRegistry(store));
    expect(r.articles[0]!.outcome).toBe('unmatched');
    expect(r.articles[0]!.match.candidates[0]!.treaty).toBe('tripartite-pact-1940');
    expect(r.articles[0]!.match.candidates[0]!.against.length).toBeGreaterThan(0);
    expect(await docs()).toBe(before);
  });

  it('attaches when told which treaty, and a dry run writes nothing', async () => {
    const file = join(articles, 'tripartite-pact.txt');
    const before = await docs();
    const dry = await importArticles(store, [file], await loadRegistry(store), { treaty: 'tripartite-pact-1940', dryRun: true });
    expect(dry.articles[0]!.outcome).toBe('would-attach');
    expect(await docs()).toBe(before);
    const r = await importArticles(store, [file], await loadRegistry(store), { treaty: 'tripartite-pact-1940' });
    expect(r.articles[0]!.outcome).toBe('attached');
  });

  it('rejects Latin-1 bytes with file, line and column, and writes nothing', async () => {
    const bad = join(dir, 'latin1.txt');
    writeFileSync(bad, Buffer.concat([Buffer.from('Treaty of Dunkirk\n\nSigned 4 March 1947\nLocation Dunkerque, Fran'), Buffer.from([0xe7]), Buffer.from('e\n')]));
    const before = await docs();
    const r = await importArticles(store, [bad, join(articles, 'treaty-of-dunkirk.txt')], await loadRegistry(store));
    expect(r.problems[0]).toMatchObject({ code: 'E_ENCODING', location: { file: bad, line: 4, column: 25 } });
    expect(await docs()).toBe(before);
  });
});

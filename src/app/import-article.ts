/**
 * `pacta import article`: reads encyclopedia articles, turns what they state into claims, and
 * attaches them to the treaty they are about when the match is beyond doubt (or when the user
 * names the treaty). Nothing is created for an article that does not match; all the articles
 * given are written in one transaction, or none is.
 */
import { readFileSync } from 'node:fs';
import type { Problem } from '../core/errors.js';
import type { PolityRegistry } from '../core/polities.js';
import type { Treaty } from '../core/model.js';
import { earliestDay } from '../core/dates.js';
import { extractArticle, articleToClaims, matchArticle, resolveArticleParties, type ArticleClaims, type ArticleMatch, type PartyResolution } from '../sources/article/index.js';
import { decodeUtf8 } from '../sources/tabular/table.js';
import type { Store, WriteOutcome } from '../store/store.js';

/** What happened to one article. */
export interface ArticleImport {
  readonly file: string;
  /** `attached`: written; `unchanged`: the same claims are already stored; `unmatched`/`ambiguous`: nothing written. */
  readonly outcome: 'attached' | 'unchanged' | 'would-attach' | 'unmatched' | 'ambiguous';
  readonly target: string | null;
  readonly match: ArticleMatch;
  readonly claims: ArticleClaims;
  readonly parties: PartyResolution;
  readonly warnings: readonly Problem[];
}

/** Result of `importArticles`. */
export interface ArticleImportResult {
  readonly articles: ArticleImport[];
  readonly problems: Problem[];
  readonly dryRun: boolean;
}

/** Options for `importArticles`. */
export interface ArticleImportOptions {
  /** Attach to this treaty instead of matching (`--treaty`). */
  readonly treaty?: string;
  /** Where the article was read (`--url`); only with a single file. */
  readonly url?: string;
  readonly dryRun?: boolean;
}

/** Reads, extracts, matches and (unless a dry run) stores the claims of each article. */
export async function importArticles(store: Store, files: readonly string[], registry: PolityRegistry, options: ArticleImportOptions = {}): Promise<ArticleImportResult> {
  const problems: Problem[] = [];
  if (options.url && files.length > 1) {
    problems.push({ code: 'E_USAGE', message: '--url names the address of one article, but several files were given', location: { path: 'url' }, expected: 'one file with --url' });
    return { articles: [], problems, dryRun: options.dryRun ?? false };
  }
  const all = await store.listTreaties();
  const candidates = all.filter((t) => t.attachTo === undefined);
  if (options.treaty && !candidates.some((t) => t.id === options.treaty)) {
    problems.push({ code: 'E_TREATY_UNKNOWN', message: `no treaty with id '${options.treaty}' is in the database`, location: { path: 'treaty' }, expected: 'the id of a stored treaty', hint: 'see pacta search' });
    return { articles: [], problems, dryRun: options.dryRun ?? false };
  }
  const articles: ArticleImport[] = [];
  const records: Treaty[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      problems.push({ code: 'E_FILE_MISSING', message: 'cannot read the file', location: { file }, expected: 'a readable article file (plain text or wikitext)' });
      continue;
    }
    const decoded = decodeUtf8(file, bytes);
    if (decoded.text === undefined) {
      problems.push(...decoded.problems);
      continue;
    }
    const extraction = extractArticle(decoded.text, file);
    if (!extraction.title && !extraction.signed && extraction.otherNames.length === 0) {
      problems.push({ code: 'E_ARTICLE_EMPTY', message: 'the file states no treaty facts that could be read', location: { file, line: 1, column: 1 }, expected: 'an encyclopedia article about a treaty' });
      continue;
    }
    const claims = articleToClaims(extraction, { file, ...(options.url ? { url: options.url } : {}) });
    const parties = resolveArticleParties(claims.parties, registry, extraction.signed ? earliestDay(extraction.signed.value) : undefined);
    const match = matchArticle(extraction, candidates, registry);
    const target = options.treaty ?? (match.outcome === 'matched' ? match.treaty! : null);
    const outcome: ArticleImport['outcome'] = target ? 'attached' : match.outcome === 'ambiguous' ? 'ambiguous' : 'unmatched';
    articles.push({ file, outcome, target, match, claims, parties, warnings: extraction.warnings });
    if (!target) continue;
    records.push({
      id: `${claims.source.id}`,
      atopids: [],
      names: claims.names,
      sources: { [claims.source.id]: claims.source },
      parties: parties.resolved.map((p) => ({ state: p.state, role: 'original' as const, sources: p.sources })),
      signatories: claims.signatories,
      events: [],
      provisions: [],
      relations: [],
      claims: claims.claims,
      origin: 'article',
      attachTo: target,
    });
  }
  const dryRun = options.dryRun ?? false;
  if (problems.length || articles.some((a) => !a.target) || dryRun) {
    const outcomes = articles.map((a) => (a.target && dryRun && !problems.length ? { ...a, outcome: 'would-attach' as const } : a));
    return { articles: outcomes, problems, dryRun };
  }
  const written: WriteOutcome[] = await store.transaction(async (w) => {
    const out: WriteOutcome[] = [];
    for (const r of records) out.push(await w.putTreaty(r));
    return out;
  });
  return { articles: articles.map((a, i) => (written[i] === 'unchanged' ? { ...a, outcome: 'unchanged' as const } : a)), problems, dryRun };
}

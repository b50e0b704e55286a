/**
 * `pacta import article`: encyclopedia articles as a source of claims.
 */
import type { Command } from 'commander';
import { formatProblem } from '../core/errors.js';
import { loadRegistry } from '../app/registry.js';
import type { ImportCommandContext } from './import-commands.js';

/** Adds `import article` under the given `import` command. */
export function registerArticleCommand(importCommand: Command, ctx: ImportCommandContext): void {
  importCommand
    .command('article')
    .description('read encyclopedia articles (plain text or wikitext) and attach their claims to the treaty they are about')
    .argument('<files...>', 'article files')
    .option('--url <url>', 'where the article was read (one file only)')
    .option('--treaty <id>', 'attach to this treaty instead of matching')
    .option('--dry-run', 'print what would be claimed, write nothing')
    .action(async (files: string[], o: { url?: string; treaty?: string; dryRun?: boolean }) => {
      await ctx.withStore(async (store) => {
        const registry = await loadRegistry(store);
        const { importArticles } = await import('../app/import-article.js');
        const r = await importArticles(store, files, registry, { ...(o.url ? { url: o.url } : {}), ...(o.treaty ? { treaty: o.treaty } : {}), dryRun: o.dryRun ?? false });
        if (ctx.options().json) ctx.io.out(JSON.stringify(r, null, 2));
        else {
          for (const p of r.problems) ctx.io.err(formatProblem(p));
          for (const a of r.articles) {
            const verdict = { attached: `attached to ${a.target}`, unchanged: `already attached to ${a.target}; nothing changed`, 'would-attach': `would attach to ${a.target} (dry run)`, unmatched: 'no treaty matches beyond doubt', ambiguous: 'several treaties match' }[a.outcome];
            ctx.io.out(`${a.file}: ${verdict}`);
            for (const c of a.claims.claims) ctx.io.out(`  ${c.field}: ${c.value}  [${c.sources.map((s) => s.at).join(', ')}]`);
            for (const n of a.claims.names) ctx.io.out(`  name (${n.lang}): ${n.text}`);
            for (const s of a.claims.signatories) ctx.io.out(`  signatory: ${s.person}`);
            for (const p of a.parties.resolved) ctx.io.out(`  party: ${p.name} → ${p.state}`);
            for (const p of a.parties.unresolved) ctx.io.out(`  party not resolved (${p.reason}): ${p.name}${p.candidates.length ? `; candidates ${p.candidates.map((c) => `${c.label} (${c.state})`).join(', ')}` : ''}`);
            if (!a.target) {
              for (const c of a.match.candidates) ctx.io.out(`  candidate ${c.treaty}: for ${c.for.join('; ') || '-'}; against ${c.against.join('; ') || '-'}; open ${c.open.join('; ') || '-'}`);
              ctx.io.out('  nothing was stored; name the treaty with --treaty ID to attach it');
            }
          }
        }
        if (r.problems.length || r.articles.some((a) => !a.target)) ctx.setExit(1);
      }, false);
    });
}

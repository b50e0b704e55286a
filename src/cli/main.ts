/**
 * The `pacta` command line: parses options and calls the library functions that do the work.
 * `runCli` takes the arguments and an output sink, so tests run it in-process.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { LookupError, PactaError, formatProblem } from '../core/errors.js';
import { ALLIANCE_TYPES, DISAGREEMENT_FIELDS, type AllianceType, type DisagreementField } from '../core/model.js';
import { policyFrom } from '../core/facts.js';
import type { Engine } from '../core/engine.js';
import { holdsCuratedTreaties, openStore, storeExists, type StoreAccess } from '../app/store.js';
import type { Store } from '../store/store.js';
import { PACKAGE_VERSION, databasePath } from '../app/files.js';
import { loadRegistry } from '../app/registry.js';
import { openEngine, today, type SourceFilter } from '../app/engine.js';
import { formatAlternative, formatDisagreements, formatExplanation, table } from './format.js';
import { registerImportCommands } from './import-commands.js';
import { registerArticleCommand } from './article-commands.js';
import { registerAnalyticsCommands } from './analytics-commands.js';

/** Where the CLI writes. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

const processIO: CliIO = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n'), env: process.env };

interface GlobalOptions {
  db?: string;
  json?: boolean;
  explain?: boolean;
  today?: string;
  prefer?: string;
  source?: SourceFilter;
  atopVersion?: string;
}

class UsageError extends PactaError {}

/** Runs the CLI with `argv` (without `node` and the script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exit = 0;
  // Known before commander parses: its own errors (an unknown option, a bad choice) come first.
  const jsonErrors = argv.includes('--json');
  const program = new Command('pacta')
    .description('Pacta: a temporal treaty engine. Which treaties were in force, who was allied with whom, what an attack would trigger, with sources.')
    .option('--db <file|url>', 'SQLite database file, or a postgres:// URL (?schema=name picks a schema); default $PACTA_DB or ./pacta.db')
    .option('--json', 'print JSON')
    .option('--explain', 'print the claims used with their sources and every computed step')
    .option('--today <date>', "today's date for renewal computations (default: $PACTA_TODAY or the UTC date)")
    .option('--prefer <kinds>', 'source order for resolving disagreements, e.g. encyclopedia,dataset (default: derived,treaty-text,literature,curator,dataset,encyclopedia)')
    .addOption(new Option('--source <source>', 'answer from one source only').choices(['all', 'curated', 'atop']).default('all'))
    .option('--atop-version <version>', 'ATOP version that reasoning uses when several are imported (default: the newest)')
    // With --json, a usage error is printed as JSON below, without commander's text and help.
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => (jsonErrors ? undefined : io.err(s.trimEnd())) })
    .exitOverride()
    .showHelpAfterError()
    .version(PACKAGE_VERSION, '-V, --version', 'print the Pacta version');

  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  // An answer's notices (days outside what a dataset observes) follow its text, before the explanation.
  const print = (json: unknown, human: () => string, explanation?: Parameters<typeof formatExplanation>[0]): void => {
    if (g().json) return io.out(JSON.stringify(json, null, 2));
    const notices = (json as { notices?: readonly string[] }).notices ?? [];
    io.out(human() + notices.map((n) => `\nNote: ${n}`).join('') + (g().explain && explanation ? formatExplanation(explanation) : ''));
  };

  async function withStore<T>(fn: (store: Store) => Promise<T>, mustExist = true, access: StoreAccess = 'write'): Promise<T> {
    const file = databasePath(g().db, io.env);
    if (mustExist && !storeExists(file)) {
      throw new UsageError('E_NO_DATABASE', `no database at '${file}'${existsSync(file) ? ' (the file is empty)' : ''}`, { hint: 'load the curated corpus first: pacta load treaties/' });
    }
    // A store this command creates and leaves empty (a dry run, a rejected load or import) is
    // removed again: a SQLite file, a PostgreSQL schema. Bad input changes nothing, not even by
    // leaving an empty database behind.
    const store = await openStore(file, { access });
    try {
      return await fn(store);
    } finally {
      const leftEmpty = store.created && (await store.counts().then((c) => c.treaties + c.polities + c.imports === 0, () => false));
      if (leftEmpty) await store.discard();
      else await store.close();
    }
  }
  async function withEngine<T>(fn: (engine: Engine) => T): Promise<T> {
    return withStore(async (store) => {
      if ((await store.counts()).treaties === 0) {
        const hint = g().source === 'atop' ? 'import an ATOP release: pacta import atop <folder>' : 'load the curated treaties (pacta load treaties/) or import an ATOP release (pacta import atop <folder>)';
        throw new UsageError('E_EMPTY_DATABASE', `the database '${store.location}' holds no treaties`, { hint });
      }
      const engine = await openEngine(store, {
        today: g().today ?? today(io.env),
        ...(g().prefer ? { policy: policyFrom(g().prefer!.split(',').map((s) => s.trim())) } : {}),
        source: g().source ?? 'all',
        ...(g().atopVersion ? { atopVersion: g().atopVersion! } : {}),
      });
      try {
        return await fn(engine);
      } catch (err) {
        // A database made by `pacta import` alone holds the datasets, not the curated treaties
        // (sino-soviet-1950 and the others in treaties/): say so rather than only "unknown". The
        // database is asked, not the engine, which `--source atop` leaves without them.
        if (err instanceof LookupError && err.code === 'E_TREATY_UNKNOWN' && !(await holdsCuratedTreaties(store))) {
          const hint = `this database holds no curated treaties; load them with: pacta${g().db ? ` --db ${g().db}` : ''} load treaties/ (the folder of the package; the curated treaties then replace their ATOP records, and --source atop still answers from ATOP alone)`;
          throw new LookupError(err.code, err.message, err.candidates, { hint });
        }
        throw err;
      }
    }, true, 'read');
  }
  const onOption = new Option('--on <date>', 'the date: YYYY, YYYY-MM or YYYY-MM-DD').makeOptionMandatory();

  program
    .command('check')
    .description('check treaty files and report every problem with file, line and column')
    .argument('<files...>', 'treaty files or folders')
    .action(async (files: string[]) => {
      const registry = await loadRegistry();
      const { checkFiles } = await import('../app/treaty-files.js');
      const r = checkFiles(files, registry);
      if (g().json) io.out(JSON.stringify(r, null, 2));
      else {
        for (const p of r.problems) io.err(formatProblem(p));
        io.out(r.problems.length ? `${r.problems.length} problem(s) in ${r.files} file(s)` : `${r.files} file(s) ok, ${r.treaties} treaties`);
      }
      if (r.problems.length) exit = 1;
    });

  program
    .command('load')
    .description('load treaty files into the database in one transaction (all or nothing)')
    .argument('<paths...>', 'treaty files or folders')
    .option('--dry-run', 'report what would change without writing')
    .action(async (paths: string[], opts: { dryRun?: boolean }) => {
      await withStore(async (store) => {
        const registry = await loadRegistry(store);
        const { loadFiles } = await import('../app/treaty-files.js');
        const r = await loadFiles(store, paths, registry, { dryRun: opts.dryRun ?? false });
        if (g().json) io.out(JSON.stringify(r, null, 2));
        else if (r.problems.length) {
          for (const p of r.problems) io.err(formatProblem(p));
          io.err(`${r.problems.length} problem(s); nothing was loaded`);
        } else {
          io.out(`${r.dryRun ? 'would load' : 'loaded'} ${r.files} file(s) into ${store.location}: ${r.inserted.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged`);
        }
        if (r.problems.length) exit = 1;
      }, false);
    });

  registerImportCommands(program, { io, options: g, withStore, setExit: (code) => (exit = code) });
  registerArticleCommand(program.commands.find((c) => c.name() === 'import')!, { io, options: g, withStore, setExit: (code) => (exit = code) });
  registerAnalyticsCommands(program, { io, options: g, withEngine });

  program
    .command('treaty')
    .description('everything known about a treaty, disagreements included')
    .argument('<treaty>', 'treaty id, name in any script, or atop:<id>')
    .action(async (q: string) =>
      withEngine((e) => {
        const t = e.treaty(q);
        print(t, () => {
          const lines = [`${t.name}  [${t.id}]${t.atopids.length ? `  ATOP ${t.atopids.join(', ')}` : ''}`];
          for (const n of t.names) lines.push(`  name (${n.lang}${n.kind ? `, ${n.kind}` : ''}): ${n.text}`);
          if (t.summary) lines.push('', t.summary);
          lines.push('');
          for (const f of Object.values(t.facts)) {
            if (!f) continue;
            lines.push(`${f.field}: ${f.value ?? 'not ended'}${f.disagreement ? '   (sources disagree)' : ''}`);
            for (const a of f.alternatives) lines.push(`    ${a === f.chosen ? '*' : ' '} ${formatAlternative(a)}`);
          }
          lines.push('', table(['party', 'code', 'from', 'to', 'why it ended'], t.parties.map((p) => [p.name, String(p.ccode), p.start, p.end ?? '', p.endReason ?? ''])));
          const partyLevel = t.disagreements.filter((d) => d.party);
          if (partyLevel.length) lines.push('', 'Where sources disagree about parties:', formatDisagreements(partyLevel));
          if (t.signatories.length) lines.push('', 'Signatories:', ...t.signatories.map((s) => `  ${s.person}${s.partyName ? ` for ${s.partyName}` : ''}  [${s.sources.map((x) => x.title + (x.at ? `, ${x.at}` : '')).join('; ')}]`));
          lines.push('', 'Provisions:');
          for (const p of t.provisions) {
            lines.push(`  ${p.id} (${p.type}${p.article ? `, art. ${p.article}` : ''}): ${p.summary ?? ''}`);
            if (p.conditionText || p.condition) lines.push(`      condition: ${p.conditionText ?? ''}${p.condition ? `  [${p.condition}]` : ''}`);
            if (p.terms) lines.push(`      terms: ${Object.entries(p.terms).map(([k, v]) => `${k}=${v}`).join(', ')}`);
          }
          if (t.relations.length + t.relatedFrom.length) {
            lines.push('', 'Relations:', ...t.relations.map((r) => `  ${r.type} ${r.treaty}${r.note ? ` (${r.note})` : ''}`));
            lines.push(...t.relatedFrom.map((r) => `  ${r.treaty} → this treaty: ${r.type}${r.note ? ` (${r.note})` : ''}`));
          }
          return lines.join('\n');
        }, t.explanation);
      }),
    );

  program
    .command('in-force')
    .description('whether a treaty was in force on a date')
    .argument('<treaty>')
    .addOption(onOption)
    .action(async (q: string, o: { on: string }) =>
      withEngine((e) => {
        const a = e.inForce(q, o.on);
        print(a, () => {
          const verdict = a.inForce === true ? 'in force' : a.inForce === 'partly' ? 'in force for part of' : 'not in force';
          return [`${a.treaty}: ${verdict} on ${a.on}; period ${a.period.start ?? '?'} – ${a.period.end ?? 'open'}`, ...(a.disagreements.length ? ['', formatDisagreements(a.disagreements)] : [])].join('\n');
        }, a.explanation);
      }),
    );

  program
    .command('parties')
    .description('the parties bound by a treaty on a date')
    .argument('<treaty>')
    .addOption(onOption)
    .action(async (q: string, o: { on: string }) =>
      withEngine((e) => {
        const a = e.parties(q, o.on);
        print(a, () => `${a.treaty} on ${a.on}: ${a.parties.length} parties\n` + table(['party', 'code', 'since', 'until'], a.parties.map((p) => [p.name + (p.suspended ? ' (suspended)' : ''), String(p.ccode), p.since, p.until ?? ''])), a.explanation);
      }),
    );

  program
    .command('treaties')
    .description('treaties a state was bound by on a date')
    .argument('<state>', 'COW code, abbreviation, name or alias')
    .addOption(onOption)
    .action(async (s: string, o: { on: string }) =>
      withEngine((e) => {
        const a = e.treatiesOf(s, o.on);
        print(a, () => `${a.state.name} (${a.state.ccode}) on ${a.on}: ${a.treaties.length} treaties\n` + table(['treaty', 'name', 'since', 'until'], a.treaties.map((t) => [t.id, t.name, t.since, t.until ?? ''])), a.explanation);
      }),
    );

  program
    .command('allies')
    .description('who was allied with a state on a date, under which obligations')
    .argument('<state>')
    .addOption(onOption)
    .addOption(new Option('--type <type>', 'only this obligation type').choices([...ALLIANCE_TYPES]))
    .action(async (s: string, o: { on: string; type?: AllianceType }) =>
      withEngine((e) => {
        const a = e.allies(s, o.on, o.type ? { type: o.type } : {});
        const json = { state: a.state, on: a.on, types: a.types, allies: a.allies, notices: a.notices, explanation: a.explanation };
        print(json, () => `${a.state.name} (${a.state.ccode}) on ${a.on}: ${a.allies.length} allies${o.type ? ` (${o.type})` : ''}\n` + table(['ally', 'code', 'obligations', 'treaties'], a.allies.map((x) => [x.name, String(x.ccode), [...new Set(x.obligations.map((ob) => ob.type))].join(','), x.treaties.join(', ')])), a.explanation);
      }),
    );

  program
    .command('obligations')
    .description('what a state owed, to whom, on which conditions, on a date (and what it was owed)')
    .argument('<state>')
    .addOption(onOption)
    .action(async (s: string, o: { on: string }) =>
      withEngine((e) => {
        const a = e.obligations(s, o.on);
        print(a, () => {
          const lines = [`${a.state.name} (${a.state.ccode}) on ${a.on} owed:`];
          for (const x of a.owes) lines.push(`  ${x.type} to ${x.to.map((t) => t.name).join(', ')}  [${x.treaty}${x.article ? `, art. ${x.article}` : ''}]${x.conditionText || x.condition ? `\n      if: ${x.conditionText ?? x.condition}` : ''}`);
          if (!a.owes.length) lines.push('  nothing');
          lines.push('and was owed:');
          for (const x of a.owedBy) lines.push(`  ${x.type} by ${x.from.map((t) => t.name).join(', ')}  [${x.treaty}${x.article ? `, art. ${x.article}` : ''}]${x.conditionText || x.condition ? `\n      if: ${x.conditionText ?? x.condition}` : ''}`);
          if (!a.owedBy.length) lines.push('  nothing');
          return lines.join('\n');
        }, a.explanation);
      }),
    );

  program
    .command('triggered')
    .description('which obligations an attack would trigger, for whom, with each condition evaluated')
    .requiredOption('--attacker <state>')
    .requiredOption('--target <state>')
    .addOption(onOption)
    .option('--location <region>', 'where the attack happens (europe, asia, middle-east, africa, americas, pacific, atlantic…)')
    .addOption(new Option('--provoked <yes|no>', 'whether the target provoked the attack').choices(['yes', 'no']))
    .action(async (o: { attacker: string; target: string; on: string; location?: string; provoked?: string }) =>
      withEngine((e) => {
        const a = e.triggered(o.attacker, o.target, o.on, { ...(o.location ? { location: o.location } : {}), ...(o.provoked ? { provoked: o.provoked === 'yes' } : {}) });
        print(a, () => `An attack by ${a.attacker.name} on ${a.target.name} on ${a.on}:\n` + (a.obligations.length ? table(['status', 'bearer', 'type', 'treaty', 'why'], a.obligations.map((x) => [x.status, x.bearerName, x.type, `${x.treaty}/${x.provision}`, x.reason])) : 'triggers no obligation in the data.'), a.explanation);
      }),
    );

  program
    .command('disagreements')
    .description('every fact on which sources disagree, side by side, with the value in use')
    .option('--treaty <treaty>')
    .addOption(new Option('--field <field>', 'signed, in-force, end (the treaty), party-end (a party\'s last day), membership (a party in one source only)').choices([...DISAGREEMENT_FIELDS]))
    .action(async (o: { treaty?: string; field?: DisagreementField }) =>
      withEngine((e) => {
        const list = e.disagreements({ ...(o.treaty ? { treaty: o.treaty } : {}), ...(o.field ? { field: o.field } : {}) });
        print({ disagreements: list }, () => formatDisagreements(list));
      }),
    );

  program
    .command('search')
    .description('find treaties and states by any name, script, alias or code')
    .argument('<query>')
    .action(async (q: string) =>
      withEngine((e) => {
        const treaties = e.searchTreaties(q, 20);
        const states = e.registry.search(q, 20).map((p) => ({ ccode: p.ccode, name: p.name, abbrev: p.abbrev }));
        print({ query: q, treaties, states }, () => [table(['treaty', 'name'], treaties.map((t) => [t.id, t.name])), '', table(['state', 'code', 'abbrev'], states.map((s) => [s.name, String(s.ccode), s.abbrev]))].join('\n'));
      }),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      // commander.help: no command was given (commander printed the help, suppressed with --json).
      const message = err.code === 'commander.help' ? 'a command (or, for a command with subcommands, a subcommand) is required' : err.message.replace(/^error: /, '');
      if (jsonErrors) io.err(JSON.stringify({ error: { code: 'E_USAGE', message, hint: 'see pacta --help, or pacta <command> --help', candidates: [] } }));
      return 2;
    }
    if (err instanceof PactaError) {
      if (g().json) io.err(JSON.stringify({ error: { code: err.code, message: err.message, hint: err.hint ?? null, candidates: err instanceof LookupError ? err.candidates : [] } }));
      else {
        io.err(`pacta: ${err.message} [${err.code}]`);
        if (err instanceof LookupError && err.candidates.length && err.code.endsWith('AMBIGUOUS')) for (const c of err.candidates) io.err(`  ${c.id}  ${c.label}`);
        if (err.hint) io.err(`hint: ${err.hint}`);
      }
      return 2;
    }
    if (err instanceof Error && /unknown source kind/.test(err.message)) {
      io.err(`pacta: ${err.message}`);
      return 2;
    }
    throw err;
  }
  return exit;
}

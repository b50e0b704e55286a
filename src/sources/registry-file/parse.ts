/**
 * Reads the curated polity registry (registry/polities.yaml): a YAML list of states with
 * COW code, abbreviation, name and aliases.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import type { Polity } from '../../core/model.js';
import { isCalendarDate } from '../../core/dates.js';

const politySchema = z.strictObject({
  ccode: z.number().int().positive(),
  abbrev: z.string().regex(/^[A-Z]{2,4}$/, 'a COW abbreviation of 2 to 4 capital letters'),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional(),
  historicalNames: z.array(z.strictObject({ name: z.string().min(1), start: z.string().refine(isCalendarDate, 'a YYYY-MM-DD date'), end: z.string().refine(isCalendarDate, 'a YYYY-MM-DD date') })).optional(),
  spells: z.array(z.strictObject({ start: z.string().refine(isCalendarDate, 'a YYYY-MM-DD date'), end: z.string().refine(isCalendarDate, 'a YYYY-MM-DD date').nullable() })).optional(),
  succeeds: z.array(z.strictObject({ ccode: z.number().int().positive(), on: z.string().refine(isCalendarDate, 'a YYYY-MM-DD date'), continuity: z.boolean() })).optional(),
  gwcode: z.number().int().positive().optional(),
  iso: z.string().optional(),
});

/** Parses the registry file; returns the polities, or every problem with its location. */
export function parseRegistryFile(file: string, text: string): { polities: Polity[]; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const problems: Problem[] = doc.errors.map((e) => ({
    code: 'E_YAML_SYNTAX',
    message: e.message.split('\n')[0]!,
    location: { file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 },
  }));
  if (problems.length) return { polities: [], problems };
  const parsed = z.array(politySchema).safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
      const pos = lines.linePos(node?.range?.[0] ?? 0);
      problems.push({ code: 'E_SCHEMA', message: issue.message, location: { file, line: pos.line, column: pos.col, path: path.join('.') } });
    }
    return { polities: [], problems };
  }
  return {
    polities: parsed.data.map((p) => ({
      ccode: p.ccode,
      abbrev: p.abbrev,
      name: p.name,
      aliases: p.aliases ?? [],
      ...(p.historicalNames ? { historicalNames: p.historicalNames } : {}),
      ...(p.gwcode ? { gwcode: p.gwcode } : {}),
      ...(p.iso ? { iso: p.iso } : {}),
      spells: p.spells ?? [],
      ...(p.succeeds ? { succeeds: p.succeeds } : {}),
      sources: [{ source: 'registry', at: file }],
    })),
    problems,
  };
}

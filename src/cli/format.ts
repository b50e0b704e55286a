/**
 * Human-readable rendering of query answers for the terminal.
 */
import { formatRef, type Explanation } from '../core/explain.js';
import type { Disagreement } from '../core/engine.js';
import type { Alternative } from '../core/facts.js';
import type { DisagreementField } from '../core/model.js';

/** Renders an explanation: claims with sources, then numbered steps. */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = ['', 'Claims used:'];
  for (const c of e.claims) {
    lines.push(`  - ${c.treaty ? `${c.treaty} ` : ''}${c.fact}: ${c.value}`);
    for (const s of c.sources) lines.push(`      source: ${formatRef(s)}`);
  }
  lines.push('Steps:');
  e.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.text}`);
    for (const src of s.sources) lines.push(`       [${formatRef(src)}]`);
  });
  return lines.join('\n');
}

/** One alternative as "value (basis: sources)". */
export function formatAlternative(a: Alternative, field?: DisagreementField): string {
  const value = a.value ?? (field === 'membership' ? 'not a party' : 'not ended');
  const who = a.basis === 'derived' ? 'derived from clauses and events' : a.sources.map(formatRef).join('; ');
  return `${value}  [${a.kind}] ${who}${a.note ? ` (${a.note})` : ''}`;
}

/** Renders disagreements side by side with the value in use. */
export function formatDisagreements(list: readonly Disagreement[]): string {
  if (!list.length) return 'No disagreements between sources.';
  const lines: string[] = [];
  for (const d of list) {
    const what = d.field === 'party-end' ? `end of membership of ${d.party!.name}` : d.field === 'membership' ? `membership of ${d.party!.name}` : d.field;
    lines.push(`${d.treaty} ${what}: in use ${d.value ?? (d.field === 'membership' ? 'not a party' : 'not ended')}`);
    for (const a of d.alternatives) lines.push(`  ${a.value === d.value ? '*' : ' '} ${formatAlternative(a, d.field)}`);
  }
  return lines.join('\n');
}

/** A simple left-aligned text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

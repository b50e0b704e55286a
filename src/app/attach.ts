/**
 * Folds claim-only records (origin `article`, with `attachTo`) into the treaties they are about,
 * before the engine is built. A claim the target already holds from the same source file is not
 * added twice; a name it already has (after normalising) is not repeated.
 */
import { normalizeName } from '../core/polities.js';
import type { Treaty } from '../core/model.js';

const base = (file: string | undefined): string | undefined => file?.split(/[\\/]/).pop();

/** Returns the treaties with every attachment folded into its target; attachments to missing treaties are returned separately. */
export function applyAttachments(records: readonly Treaty[]): { treaties: Treaty[]; orphans: Treaty[] } {
  const byId = new Map<string, Treaty>();
  const attachments: Treaty[] = [];
  for (const r of records) {
    if (r.attachTo === undefined) byId.set(r.id, r);
    else attachments.push(r);
  }
  const orphans: Treaty[] = [];
  for (const a of attachments) {
    const target = byId.get(a.attachTo!);
    if (!target) {
      orphans.push(a);
      continue;
    }
    const files = (t: Treaty, refs: readonly { source: string }[]) => refs.map((r) => base(t.sources[r.source]?.file)).filter((f): f is string => !!f);
    const already = (field: string, value: string, refs: readonly { source: string }[]) =>
      target.claims.some((c) => c.field === field && c.value === value && files(target, c.sources).some((f) => files(a, refs).includes(f)));
    const names = new Set(target.names.map((n) => normalizeName(n.text)));
    byId.set(target.id, {
      ...target,
      sources: { ...target.sources, ...a.sources },
      names: [...target.names, ...a.names.filter((n) => !names.has(normalizeName(n.text)))],
      signatories: [...target.signatories, ...a.signatories.filter((s) => !target.signatories.some((t) => normalizeName(t.person) === normalizeName(s.person) && files(target, t.sources).some((f) => files(a, s.sources).includes(f))))],
      claims: [...target.claims, ...a.claims.filter((c) => !already(c.field, c.value, c.sources))],
    });
  }
  return { treaties: [...byId.values()], orphans };
}

// The developer test set of encyclopedia articles (../shared/encyclopedia beside the repository):
// every field expected.json states must be extracted with exactly that value, and every field it
// leaves out must be absent too (the extractor outputs nothing beyond what the gold records).
// Skipped with a message when the folder is missing, except in CI (CI=true), where that fails.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract.js';
import type { ArticleExtraction } from './types.js';

const dir = fileURLToPath(new URL('../../../../shared/encyclopedia/', import.meta.url));
const present = existsSync(dir);
const required = process.env.CI === 'true';
if (!present && !required) console.warn(`skipping the encyclopedia test set: ${dir} is absent`);

interface Expected {
  title?: string;
  other_names?: { lang: string; text: string }[];
  signed?: string;
  effective?: string;
  expiry?: string;
  signatories?: string[];
  parties?: string[];
  location?: string;
}

const FIELDS = ['title', 'other_names', 'signed', 'effective', 'expiry', 'signatories', 'parties', 'location'] as const;

function actual(x: ArticleExtraction, field: (typeof FIELDS)[number]): unknown {
  switch (field) {
    case 'title':
      return x.title?.value;
    case 'other_names':
      return x.otherNames.length ? x.otherNames.map((n) => `${n.lang}|${n.text}`).sort() : undefined;
    case 'signatories':
    case 'parties':
      return x[field]?.map((v) => v.value);
    default:
      return x[field]?.value;
  }
}

function wanted(e: Expected, field: (typeof FIELDS)[number]): unknown {
  if (field === 'other_names') return e.other_names?.length ? e.other_names.map((n) => `${n.lang}|${n.text}`).sort() : undefined;
  return e[field];
}

describe.skipIf(!present && !required)('encyclopedia test set', () => {
  it('is present', () => {
    expect(existsSync(dir), `${dir} must exist when CI=true`).toBe(true);
  });
  if (!present) return;
  const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as Record<string, Expected>;
  const files = readdirSync(`${dir}articles`).filter((f) => f.endsWith('.txt'));

  it('has an expected record for every article', () => {
    expect(files.map((f) => f.replace(/\.txt$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const f of files) {
    const slug = f.replace(/\.txt$/, '');
    const text = readFileSync(`${dir}articles/${f}`, 'utf8');
    const x = extractArticle(text, `articles/${f}`);
    const e = expected[slug]!;
    describe(slug, () => {
      for (const field of FIELDS) {
        it(`${field}: ${wanted(e, field) === undefined ? 'absent' : 'as expected'}`, () => {
          expect(actual(x, field)).toEqual(wanted(e, field));
        });
      }

      it('every value points at a line that states it', () => {
        const lines = text.normalize('NFC').replace(/[\u00A0\u2000-\u200A\u202F]/g, ' ').split(/\r\n|\r|\n/);
        const check = (value: string, line: number): void => {
          const l = lines[line - 1]!;
          // Dates are written in many ways; their year is always on the line.
          const needle = /^\d{4}(?:-\d{2}){0,2}$/.test(value) ? value.slice(0, 4) : value.split(/[ ,]/)[0]!;
          expect(l, `'${value}' at line ${line}`).toContain(needle);
        };
        if (x.title) check(x.title.value, x.title.line);
        for (const n of x.otherNames) check(n.text, n.line);
        for (const k of ['signed', 'effective', 'expiry', 'location'] as const) if (x[k]) check(x[k].value, x[k].line);
        for (const k of ['signatories', 'parties'] as const) for (const v of x[k] ?? []) check(v.value, v.line);
      });
    });
  }
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTreatyFiles, parseTreatyFile } from './parse.js';
import { treatyFileJsonSchema } from './schema.js';
import { testRegistry } from '../../test-support/corpus.js';
import { formatProblem } from '../../core/errors.js';

const registry = testRegistry();
const dir = join(import.meta.dirname, 'fixtures', 'broken');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('broken treaty files', () => {
  const inputs = files.map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
  const results = checkTreatyFiles(inputs, registry);

  it.each(files)('%s: exactly the expected problems, each with line and column', (f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const expected = [...text.matchAll(/^# expect: (\S+) (\d+):(\d+)$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`);
    if (f === 'empty.yaml') expected.push('E_FILE_EMPTY 1:1');
    const got = results.find((r) => r.file === f)!.problems.map((p) => `${p.code} ${p.location.line}:${p.location.column}`);
    expect(got.sort()).toEqual(expected.sort());
    expect(results.find((r) => r.file === f)!.treaty).toBeUndefined();
  });

  it('names the file, line, column, what was expected, and a hint where one helps', () => {
    const p = results.find((r) => r.file === 'unknown-state.yaml')!.problems[0]!;
    expect(formatProblem(p)).toBe(
      "file 'unknown-state.yaml', line 9, column 14, field 'parties[1].state': no state is called 'Atlantis' [E_STATE_UNKNOWN]; expected a COW code, abbreviation or name listed in registry/polities.yaml; hint: use a COW code, abbreviation or name",
    );
    const typo = results.find((r) => r.file === 'typo-and-source.yaml')!.problems[0]!;
    expect(typo.message).toBe("unknown key 'sourcse'");
    expect(typo.hint).toBe("did you mean 'sources'?");
  });

  it('never throws on hostile input', () => {
    for (const text of ['- a\n- b', '"just a string"', '42', '{id: [1,2]}', '\u0000\u0001', ':::', 'id: x\nnames: {}\n'.repeat(3), '&a [*a]']) {
      const r = parseTreatyFile({ file: 'x.yaml', text }, registry);
      expect(r.treaty).toBeUndefined();
      expect(r.problems.length).toBeGreaterThan(0);
      for (const p of r.problems) expect(p.location.line).toBeGreaterThan(0);
    }
  });
});

describe('treaty-file JSON Schema', () => {
  it('is generated from the validator and matches the committed docs/treaty-file.schema.json', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'treaty-file.schema.json'), 'utf8'));
    expect(committed).toEqual(treatyFileJsonSchema());
  });
});

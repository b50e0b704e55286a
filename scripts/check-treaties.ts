// Development aid until `pacta check` exists: checks treaty files and prints every problem.
// Usage: npx tsx scripts/check-treaties.ts treaties/*.yaml
import { readFileSync } from 'node:fs';
import { parseRegistryFile } from '../src/sources/registry-file/parse.js';
import { checkTreatyFiles } from '../src/sources/treaty-file/parse.js';
import { PolityRegistry } from '../src/core/polities.js';
import { formatProblem } from '../src/core/errors.js';

const reg = new PolityRegistry(parseRegistryFile('registry/polities.yaml', readFileSync('registry/polities.yaml', 'utf8')).polities);
const files = process.argv.slice(2).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
let bad = 0;
for (const r of checkTreatyFiles(files, reg)) for (const p of r.problems) { bad++; console.log(formatProblem(p)); }
console.log(bad ? `${bad} problem(s)` : `${files.length} file(s) ok`);
process.exit(bad ? 1 : 0);

// Writes docs/treaty-file.schema.json from the zod validator (the single definition of the format).
// Usage: npm run schema
import { writeFileSync } from 'node:fs';
import { treatyFileJsonSchema } from '../src/sources/treaty-file/schema.js';

writeFileSync('docs/treaty-file.schema.json', JSON.stringify(treatyFileJsonSchema(), null, 2) + '\n');
console.log('wrote docs/treaty-file.schema.json');

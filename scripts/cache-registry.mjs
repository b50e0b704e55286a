// Writes the parsed bundled registry next to the compiled code (see src/app/registry.ts).
// Run by `npm run build`, after tsc.
import { writeRegistryCache } from '../dist/app/registry.js';

console.log(`wrote ${await writeRegistryCache()}`);

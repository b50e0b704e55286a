import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REGISTRY_FILE } from './files.js';
import { bundledPolities, parseBundledRegistry, readRegistryCache, writeRegistryCache } from './registry.js';

describe('bundled registry cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = readFileSync(REGISTRY_FILE, 'utf8');

  it('holds exactly what parsing the YAML gives, and is used only for that exact text', async () => {
    const cache = await writeRegistryCache(REGISTRY_FILE, join(dir, 'polities.json'));
    const parsed = await parseBundledRegistry(text);
    expect(readRegistryCache(text, cache)).toEqual(parsed);
    expect(await bundledPolities()).toEqual(parsed);
    expect(readRegistryCache(text + '\n# edited after the build\n', cache)).toBeUndefined();
    expect(readRegistryCache(text, join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(join(dir, 'damaged.json'), '{"sha256": "');
    expect(readRegistryCache(text, join(dir, 'damaged.json'))).toBeUndefined();
  });

  it('is not written from an invalid registry', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '- ccode: -2\n  abbrev: usa\n  name: ""\n');
    await expect(writeRegistryCache(bad, join(dir, 'bad.json'))).rejects.toThrow(/registry is invalid: file '.*bad\.yaml', line 1, column 10, field '0\.ccode'/);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });
});

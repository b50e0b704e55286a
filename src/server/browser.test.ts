/**
 * Browser tests of the explorer: Debian's Chromium driven by playwright-core against the real
 * server (in-process, random port) over a throwaway database loaded from treaties/ plus ATOP 5.1
 * and the COW states imported from the shared data (a synthetic ATOP-sized corpus without them). Screenshots of the main views go to test-results/screenshots and
 * are compared with src/web/__screenshots__ (a missing reference is written; set
 * PACTA_UPDATE_SCREENSHOTS=1 to rewrite them). Skipped without Chromium, except in CI.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { CORPUS_DIR, PACKAGE_ROOT, REGISTRY_FILE } from '../app/files.js';
import { bundledPolities } from '../app/registry.js';
import { importAtop } from '../app/import-atop.js';
import { importCowStates } from '../app/import-states.js';
import { hasSharedData, sharedData } from '../test-support/shared-data.js';
import { openTestApp, type TestApp } from './testing.js';
import { syntheticAtop } from './synthetic-atop.js';
import { atopTreaty } from '../test-support/corpus.js';

const CHROMIUM = process.env.PACTA_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const REFERENCES = join(PACKAGE_ROOT, 'src', 'web', '__screenshots__');
const ARTEFACTS = join(PACKAGE_ROOT, 'test-results', 'screenshots');
/** Share of pixels that may differ from the reference (anti-aliasing, font hinting). */
const TOLERANCE = 0.02;
const MANIFEST = join(REFERENCES, 'manifest.json');
const REAL_ATOP = hasSharedData('atop-5.1/atop5_1m.csv', 'cow-states-2016/states2016.csv');
const ATOP_LABEL = REAL_ATOP ? 'ATOP 5.1 imported from the shared data' : 'synthetic ATOP-sized corpus (shared data absent)';

/**
 * Fingerprint of the data the pages show (curated corpus, registry, ATOP or its stand-in). The references record
 * it: when the data changed since they were made, a difference is reported, not failed, since
 * the screenshots guard the explorer's look rather than the corpus.
 */
function dataFingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(CORPUS_DIR).sort()) h.update(f).update(readFileSync(join(CORPUS_DIR, f)));
  h.update(readFileSync(REGISTRY_FILE));
  h.update(REAL_ATOP ? `atop ${readFileSync(sharedData('atop-5.1/atop5_1m.csv')).length}` : 'synthetic');
  return h.digest('hex');
}

if (!HAVE_CHROMIUM && !IN_CI) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set PACTA_CHROMIUM)`);

describe.runIf(IN_CI && !HAVE_CHROMIUM)('browser tests in CI', () => {
  it('need Chromium', () => {
    throw new Error(`Chromium is required in CI: nothing at ${CHROMIUM}; install Debian's chromium package`);
  });
});

describe.runIf(HAVE_CHROMIUM)('explorer in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let outDir: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'pacta-web-'));
    await build({ configFile: join(PACKAGE_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    // All of ATOP 5.1 when the shared data are there; otherwise a synthetic corpus of its size.
    if (REAL_ATOP) {
      t = await openTestApp({
        webRoot: outDir,
        prepare: async (store) => {
          for (const r of [await importCowStates(store, sharedData('cow-states-2016')), await importAtop(store, sharedData('atop-5.1'))]) {
            if (r.status === 'rejected') throw new Error(`cannot import ${r.kind}: ${r.problems.map((p) => p.message).join('; ')}`);
          }
        },
      });
    } else t = await openTestApp({ webRoot: outDir, extra: syntheticAtop((await bundledPolities()).map((p) => p.ccode)) });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none', '--hide-scrollbars'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce', locale: 'en-GB', timezoneId: 'Pacific/Kiritimati' });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    mkdirSync(ARTEFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function settle(p: Page = page): Promise<void> {
    await p.waitForLoadState('networkidle');
    // Page scripts are strings: this file is compiled without the DOM library.
    await p.evaluate('document.fonts.ready.then(() => undefined)');
    await p.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }' });
    await p.waitForTimeout(150);
  }

  /** Screenshots the viewport and compares it with the committed reference. */
  async function compare(name: string, p: Page = page): Promise<void> {
    await settle(p);
    const shot = await p.screenshot({ fullPage: false });
    writeFileSync(join(ARTEFACTS, `${name}.png`), shot);
    const refFile = join(REFERENCES, `${name}.png`);
    const fingerprint = dataFingerprint();
    const manifest = existsSync(MANIFEST) ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>) : {};
    if (!existsSync(refFile) || process.env.PACTA_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(REFERENCES, { recursive: true });
      writeFileSync(refFile, shot);
      writeFileSync(MANIFEST, JSON.stringify({ ...manifest, [name]: fingerprint }, null, 2) + '\n');
      console.log(`screenshot reference written: ${refFile}`);
      return;
    }
    const sameData = manifest[name] === fingerprint;
    const actual = PNG.sync.read(shot);
    const expected = PNG.sync.read(readFileSync(refFile));
    expect(`${actual.width}x${actual.height}`, `${name}: size`).toBe(`${expected.width}x${expected.height}`);
    const diff = new PNG({ width: actual.width, height: actual.height });
    const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
    const share = differing / (actual.width * actual.height);
    if (share > TOLERANCE) writeFileSync(join(ARTEFACTS, `${name}.diff.png`), PNG.sync.write(diff));
    if (!sameData) {
      if (share > TOLERANCE) console.warn(`screenshot ${name}: ${(share * 100).toFixed(2)}% of pixels differ, but treaties/ or the registry changed since the reference was made; check ${ARTEFACTS} and refresh with PACTA_UPDATE_SCREENSHOTS=1`);
      return;
    }
    expect(share, `${name}: ${(share * 100).toFixed(2)}% of pixels differ from ${refFile} (diff in ${ARTEFACTS})`).toBeLessThanOrEqual(TOLERANCE);
  }

  it('searches by name in any script, and treats markup as text', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Search treaties and states').fill('中苏友好');
    await expect.poll(() => page.getByRole('link', { name: 'Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance' }).count()).toBeGreaterThan(0);
    await page.getByLabel('Search treaties and states').fill('<script>alert(1)</script><img src=x onerror=alert(2)>');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/0 treaties and 0 states/);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.getByLabel('Search treaties and states').fill('Sino-Soviet');
    await expect.poll(() => page.url()).toContain('/search?q=Sino-Soviet');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/match “Sino-Soviet”/);
    await compare('search');
  });

  it('opens the 1950 Sino-Soviet treaty and shows the disagreement on its end with the computation', async () => {
    await page.getByRole('link', { name: 'Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance' }).first().click();
    await page.waitForURL(`${base}/treaty/sino-soviet-1950`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance');
    expect(await page.locator('td[lang="zh-Hans"]').textContent()).toBe('中苏友好同盟互助条约');
    const end = page.locator('.fact.disagree');
    expect(await end.locator('.fact-value').textContent()).toBe('1980-04-11');
    const marker = end.getByRole('button', { name: /Sources disagree/ });
    expect(await marker.getAttribute('aria-expanded')).toBe('false');
    await marker.click();
    expect(await marker.getAttribute('aria-expanded')).toBe('true');
    const detail = page.locator('#fact-end');
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('1979-02-16');
    expect(text).toContain('encyclopedia');
    expect(text).toMatch(/30 years from entry into force \(1950-04-11\), ending on 1980-04-11/);
    expect(text).toMatch(/notice of denunciation on 1979-04-03/);
    await compare('treaty');
    // The 1945 treaty is named once, with what each treaty says of the other.
    const relations = page.locator('section[aria-labelledby="h-relations"]');
    expect(await relations.getByRole('link', { name: 'Sino-Soviet Treaty of Friendship and Alliance' }).count()).toBe(1);
    expect(await relations.locator('li').count()).toBe(1);
    expect(await relations.textContent()).toMatch(/based on.*Based to a considerable extent.*It is related to this treaty.*Declared void by the notes/);
  });

  it.runIf(REAL_ATOP)('marks a party whose end ATOP dates otherwise', async () => {
    await page.goto(`${base}/treaty/seato-1954`);
    const uk = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'United Kingdom' }) });
    const marker = uk.getByRole('button', { name: 'Sources disagree (2 end dates)' });
    await marker.click();
    const alternatives = (await page.locator(`#${await marker.getAttribute('aria-controls')}`).textContent()) ?? '';
    expect(alternatives).toMatch(/not ended.*1977-06-30.*atop5_1m\.csv, atopid 3260, line \d+/);
  });

  it('restores a view from its URL, including after a reload', async () => {
    await page.goto(`${base}/network?on=1979-02-17&type=defense&source=curated`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 1979-02-17/);
    expect(await page.locator('#day').inputValue()).toBe('1979-02-17');
    expect(await page.getByRole('checkbox', { name: 'defense' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'consultation' }).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: 'Curated' }).isChecked()).toBe(true);
    // A date outside the years covered is shown at the nearest end, with a notice that says so.
    await page.goto(`${base}/network?on=2030-01-01`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 2018-12-31/);
    expect(await page.locator('.notice').textContent()).toBe('The address asks for 2030-01-01, outside the years the network covers (1815-01-01 to 2018-12-31): showing 2018-12-31.');
  });

  it('draws the network, lists a state’s obligations that day, and redraws fast while the slider moves', async () => {
    await page.goto(`${base}/network?on=1960-01-01&source=curated`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 1960-01-01: \d+ states/);
    // A click on China's node lists its obligations that day; so does choosing it from the list.
    await expect.poll(() => page.evaluate<boolean>('!!window.__pactaNetwork && !!window.__pactaNetwork.renderedPosition(710)')).toBe(true);
    const at = await page.evaluate<{ x: number; y: number }>('window.__pactaNetwork.renderedPosition(710)');
    const graph = (await page.locator('.graph').boundingBox())!;
    await page.mouse.click(graph.x + at.x, graph.y + at.y);
    await expect.poll(() => page.getByLabel('Show the obligations of').inputValue()).toBe('710');
    await expect.poll(() => page.locator('.state-obligations').textContent()).toMatch(/defense.*Soviet Union/);
    await page.getByLabel('Show the obligations of').selectOption('');
    await page.getByLabel('Show the obligations of').selectOption({ label: 'China (CHN)' });
    await expect.poll(() => page.locator('.state-obligations').textContent()).toMatch(/defense.*Soviet Union/);
    await compare('network');

    // Labels run along the radius, outside their node, never upside down: the UK on the right
    // of the ring, Turkey on the left.
    for (const ccode of [200, 640]) {
      const placed = await page.evaluate<{ position: { x: number; y: number }; rotation: number; offset: { x: number; y: number } }>(`window.__pactaNetwork.labelPlacement(${ccode})`);
      const angle = Math.atan2(placed.position.y, placed.position.x);
      const turned = Math.abs(Math.sin(placed.rotation - angle));
      expect(turned, `label of ${ccode} along its radius`).toBeLessThan(1e-9);
      expect(Math.cos(placed.rotation), `label of ${ccode} not upside down`).toBeGreaterThan(0);
      expect(placed.offset.x * placed.position.x + placed.offset.y * placed.position.y, `label of ${ccode} outside the ring`).toBeGreaterThan(0);
    }
    // With all of ATOP (or its synthetic stand-in): move the slider through 60 dates, as a drag does.
    await page.goto(`${base}/network?on=1900-01-01`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 1900-01-01/);
    await page.evaluate('window.__pactaRedraws = []');
    const slider = page.getByLabel('Date', { exact: true });
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.42, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i <= 60; i++) {
      await page.mouse.move(box.x + box.width * (0.42 + (i / 60) * 0.5), box.y + box.height / 2);
      await page.waitForTimeout(25);
    }
    await page.mouse.up();
    const last = await page.locator('#day').inputValue();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toContain(`On ${last}:`);
    await page.waitForTimeout(400);
    expect(page.url()).toContain(`on=${last}`);
    const redraws = await page.evaluate<number[]>('window.__pactaRedraws ?? []');
    const sorted = [...redraws].sort((a, b) => a - b);
    const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    const nodes = await page.getByRole('status').textContent();
    const report = { data: ATOP_LABEL, redraws: redraws.length, medianMs: +pick(0.5).toFixed(1), p95Ms: +pick(0.95).toFixed(1), maxMs: +sorted.at(-1)!.toFixed(1), last: nodes };
    console.log('network redraw timings:', JSON.stringify(report));
    writeFileSync(join(PACKAGE_ROOT, 'test-results', 'network-redraws.json'), JSON.stringify(report, null, 2));
    expect(redraws.length).toBeGreaterThan(5);
    expect(report.p95Ms).toBeLessThan(100);
    expect(pageErrors).toEqual([]);
  });

  it('offers the network on screen, and the dyad-years and state-years of chosen years, as downloads', async () => {
    await page.goto(`${base}/network?on=1960-01-01&type=defense&source=curated`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 1960-01-01:/);
    const [net] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the network of 1960-01-01 as GraphML' }).click()]);
    expect(net.suggestedFilename()).toBe('pacta-network-1960-01-01-defense-curated.graphml');
    expect(readFileSync(await net.path(), 'utf8')).toMatch(/^<\?xml[\s\S]*<graphml [\s\S]*<node id="710">/);
    await page.getByLabel('From', { exact: true }).fill('1950');
    await page.getByLabel('To', { exact: true }).fill('1951');
    const [sy] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the state-years for the years 1950 to 1951 as CSV' }).click()]);
    expect(sy.suggestedFilename()).toBe('pacta-state-years-1950-1951-defense-curated.csv');
    expect(readFileSync(await sy.path(), 'utf8')).toMatch(/^state,year,atopally,defense,number,transyr,/);
    await page.getByLabel('To', { exact: true }).fill('1940');
    await expect.poll(() => page.locator('.dl-links').textContent()).toMatch(/the first not after the last/);
    expect(await page.getByRole('link', { name: /dyad-years/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('moves the slider by keyboard', async () => {
    await page.goto(`${base}/network?on=1960-01-01`);
    const slider = page.getByLabel('Date', { exact: true });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.locator('#day').inputValue()).toBe('1961-02-01');
    expect(await slider.getAttribute('aria-valuetext')).toBe('1961-02-01');
  });

  it('evaluates an attack: Japan on the USSR on 1960-01-01 triggers China’s defence pledge', async () => {
    await page.goto(`${base}/attack`);
    await page.getByLabel('Attacker', { exact: true }).fill('Japan');
    await page.getByLabel('Target', { exact: true }).fill('USSR');
    await page.getByLabel('Date', { exact: true }).fill('1960-01-01');
    await page.getByLabel('Date', { exact: true }).press('Enter');
    await page.waitForURL(/\/attack\?attacker=Japan&target=USSR&on=1960-01-01/);
    const row = page.locator('table.triggered tr', { hasText: 'sino-soviet-1950' }).filter({ hasText: 'defense' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Triggered.*China.*defense.*condition met/);
    expect(await page.locator('.explanation').first().textContent()).toMatch(/China for Soviet Union: triggered|China for Russia: triggered/);
    await compare('attack');
    expect(await page.locator('.attack-result .notice').count()).toBe(0);
  });

  it.runIf(REAL_ATOP)('says which ATOP alliances an attack on a day after ATOP’s data rests on', async () => {
    await page.goto(`${base}/attack?attacker=Russia&target=Estonia&on=2024-01-01`);
    const notice = page.locator('.attack-result .notice');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/^ATOP 5\.1's data end on 2018-12-31, before the date asked\. \d+ alliances of this answer \(atop-\d+/);
  });

  it('shows a state’s treaties over its history', async () => {
    await page.goto(`${base}/state/710`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('China');
    expect(await page.getByRole('link', { name: /Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance: 1950-04-11 to 1980-04-11/ }).count()).toBe(1);
    await compare('state');
  });

  it.runIf(REAL_ATOP)('keeps the page of a state with over a hundred treaties readable: its table and each treaty’s obligations closed until opened', async () => {
    await page.goto(`${base}/state/365`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Russia');
    const groups = page.locator('.ob-treaty details');
    const count = await groups.count();
    expect(count).toBeGreaterThan(100);
    expect(await page.locator('.ob-treaty details[open]').count()).toBe(0);
    expect(await page.getByText(`Obligations under ${count} treaties: open a treaty’s list to see them.`).count()).toBe(1);
    // Each treaty's heading is a link outside the summary; the summary opens the list.
    expect(await page.locator('.ob-treaty h3 a').count()).toBe(count);
    const first = groups.first();
    await first.locator('summary').click();
    expect(await first.getAttribute('open')).not.toBeNull();
    expect(await first.locator('li.provision').count()).toBeGreaterThan(0);
    const table = page.locator('details.spell-table');
    expect(await table.getAttribute('open')).toBeNull();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(count);
    console.log(`state page of Russia: ${count} treaties, ${await page.evaluate('document.documentElement.scrollHeight')} px tall`);
  });

  it('labels every control for screen readers', async () => {
    for (const path of ['/', '/network', '/attack', '/treaty/sino-soviet-1950']) {
      await page.goto(`${base}${path}`);
      await settle();
      const unlabelled = await page.evaluate<string[]>(`[...document.querySelectorAll('input, select, button, textarea')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map((el) => el.outerHTML.slice(0, 80))`);
      expect(unlabelled, path).toEqual([]);
      expect(await page.locator('[aria-live]').count(), path).toBeGreaterThan(0);
    }
  });

  it('fits a phone screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, reducedMotion: 'reduce', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    try {
      for (const path of ['/treaty/sino-soviet-1950', '/network?on=1960-01-01', '/attack?attacker=Japan&target=USSR&on=1960-01-01', '/state/710']) {
        await p.goto(`${base}${path}`);
        await settle(p);
        const width = await p.evaluate<number>('document.documentElement.scrollWidth');
        expect(width, path).toBeLessThanOrEqual(392);
      }
      await p.goto(`${base}/treaty/sino-soviet-1950`);
      await compare('treaty-phone', p);
    } finally {
      await phone.close();
    }
  });

  it('keeps the URL of a missing treaty and offers suggestions', async () => {
    await page.goto(`${base}/treaty/sino-soviet-1951`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/no treaty is called/);
  });

  it('says so, and draws no stale network, when a source has nothing to answer from (ATOP on a curated-only database)', async () => {
    const curatedOnly = await openTestApp({ webRoot: outDir });
    try {
      const other = await curatedOnly.app.listen({ port: 0, host: '127.0.0.1' });
      await page.goto(`${other}/network?on=1960-01-01`);
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 1960-01-01: \d+ states/);
      await page.getByRole('radio', { name: 'ATOP' }).check();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/the database holds no ATOP data.*E_NO_ATOP_DATA/);
      expect(await page.getByRole('status').textContent()).toBe('No network for these filters: see the message below.');
      expect(await page.locator('.graph-wrap').isHidden()).toBe(true);
      expect(await page.locator('a[href*="exports/"]').count()).toBe(0);
      // Back to a source with data: the network is drawn again.
      await page.getByRole('radio', { name: 'Curated' }).check();
      await expect.poll(() => page.getByRole('status').textContent()).toMatch(/On 1960-01-01: \d+ states/);
      expect(await page.locator('.graph-wrap').isVisible()).toBe(true);
    } finally {
      await curatedOnly.close();
    }
  });

  it('offers the ATOP releases a database holds, and answers and downloads from the one chosen', async () => {
    // The same alliance of the United States and Canada in both releases; 4.01 ends it in 2000.
    const newer = atopTreaty(9001, [2, 20], '1990-01-01', null);
    const older = { ...atopTreaty(9001, [2, 20], '1990-01-01', '2000-12-31'), id: 'atop-4.01-9001', origin: 'atop-4.01' };
    const two = await openTestApp({ webRoot: outDir, extra: [newer, older] });
    try {
      const other = await two.app.listen({ port: 0, host: '127.0.0.1' });
      // The newest release named in the address is the default choice.
      await page.goto(`${other}/network?on=2010-01-01&source=atop&atop=5.1&state=2`);
      const release = page.getByLabel('ATOP release');
      await expect.poll(() => release.locator('option').allTextContents()).toEqual(['ATOP 4.01, to 2016', 'ATOP 5.1, to 2018 (newest)']);
      await expect.poll(() => release.locator('option:checked').textContent()).toBe('ATOP 5.1, to 2018 (newest)');
      await expect.poll(() => page.locator('.state-obligations').textContent()).toContain('Canada');
      // A last year the reader chose that the older release does not reach moves to its last year.
      await page.getByLabel('To', { exact: true }).fill('2017');
      await release.selectOption({ label: 'ATOP 4.01, to 2016' });
      await page.waitForURL(/atop=4\.01/);
      // In 4.01 the alliance ended in 2000: nothing that day.
      await expect.poll(() => page.locator('.state-obligations').textContent()).not.toContain('Canada');
      expect(await page.locator('a[href*="exports/dyads"]').first().getAttribute('href')).toMatch(/atopVersion=4\.01/);
      expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2016');
      // A day after 4.01's data: the page says what the answer rests on.
      await page.goto(`${other}/network?on=2017-06-01&source=atop&atop=4.01&state=2`);
      // The network's notice, and the chosen state's in the side panel.
      await expect.poll(() => page.locator('.notice').allTextContents()).toEqual([expect.stringMatching(/^ATOP 4\.01's data end on 2016-12-31, before the date asked/), expect.stringMatching(/^ATOP 4\.01's data end on 2016-12-31/)]);
      expect(await page.locator('.state-obligations .notice').count()).toBe(1);
      // A release the database does not hold is refused by name.
      await page.goto(`${other}/network?on=2010-01-01&atop=3.0`);
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/ATOP version '3\.0' is not in the database/);
    } finally {
      await two.close();
    }
  });
});


import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
  return { status: res.statusCode, headers: res.headers, text: res.body, json: () => JSON.parse(res.body) as Record<string, any> };
}

describe('health, search and states', () => {
  it('reports what it holds', async () => {
    const r = await get('/api/health');
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, today: '2020-01-01' });
    expect(r.json().treaties).toBeGreaterThanOrEqual(2);
  });

  it('finds treaties by names in any script and states by alias or code', async () => {
    expect((await get('/api/search?q=' + encodeURIComponent('中苏友好'))).json().treaties.map((x: { id: string }) => x.id)).toContain('sino-soviet-1950');
    expect((await get('/api/search?q=atop%203200')).json().treaties[0].id).toBe('sino-soviet-1950');
    // The alliances' common names, though they name the organisations the treaties set up.
    expect((await get('/api/search?q=NATO')).json().treaties[0].id).toBe('north-atlantic-1949');
    expect((await get('/api/search?q=SEATO')).json().treaties[0].id).toBe('seato-1954');
    expect((await get('/api/search?q=USSR')).json().states[0]).toMatchObject({ ccode: 365 });
    expect((await get('/api/search?q=710')).json().states[0]).toMatchObject({ ccode: 710, abbrev: 'CHN' });
  });

  it('treats script injection in a search as text: JSON out, nothing found, nothing executed', async () => {
    const r = await get('/api/search?q=' + encodeURIComponent('<script>alert(1)</script>'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.json()).toMatchObject({ query: '<script>alert(1)</script>', treaties: [], states: [] });
  });

  it('rejects a missing, empty or overlong query with the field and what was expected', async () => {
    for (const url of ['/api/search', '/api/search?q=', '/api/search?q=' + 'x'.repeat(201)]) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'q' });
      expect(r.json().error.expected).toMatch(/1 to 200 characters/);
    }
    const r = await get('/api/search?q=china&limit=100000');
    expect(r.status).toBe(400);
    expect(r.json().error).toMatchObject({ field: 'limit' });
  });

  it('lists states and gives a state its whole treaty history', async () => {
    const list = (await get('/api/states')).json().states as { ccode: number }[];
    expect(list.some((s) => s.ccode === 710)).toBe(true);
    const h = (await get('/api/states/China')).json();
    expect(h.state).toMatchObject({ ccode: 710, name: 'China' });
    const ids = h.treaties.map((x: { id: string }) => x.id);
    expect(ids).toContain('sino-soviet-1950');
    const ss = h.treaties.find((x: { id: string }) => x.id === 'sino-soviet-1950');
    expect(ss.spells).toEqual([{ start: '1950-04-11', end: '1980-04-11', endReason: expect.any(String) }]);
    expect(h.obligations.some((o: { type: string; direction: string }) => o.type === 'defense' && o.direction === 'owes')).toBe(true);
    expect(h.explanation.steps.length).toBeGreaterThan(0);
  });

  it('answers 404 with candidates for an unknown state', async () => {
    const r = await get('/api/states/Atlantis');
    expect(r.status).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'E_STATE_UNKNOWN', field: 'state' });
    const near = await get('/api/allies?state=Chin&on=1960');
    expect(near.status).toBe(404);
    expect(near.json().error.candidates).toContainEqual({ id: '710', label: 'China' });
  });
});

describe('treaties', () => {
  it('gives everything about a treaty, with the disagreement on its end and the computation', async () => {
    const r = await get('/api/treaties/sino-soviet-1950');
    expect(r.status).toBe(200);
    const tr = r.json();
    expect(tr.names.map((n: { lang: string }) => n.lang)).toEqual(expect.arrayContaining(['en', 'zh-Hans', 'zh-Hant', 'zh-Latn-pinyin']));
    expect(tr.facts.end.value).toBe('1980-04-11');
    expect(tr.facts.end.alternatives.map((a: { value: string }) => a.value)).toContain('1979-02-16');
    expect(tr.disagreements[0]).toMatchObject({ field: 'end' });
    expect(tr.explanation.steps.map((s: { text: string }) => s.text).join(' ')).toMatch(/30 years/);
  });

  it('resolves a treaty by a name in another script', async () => {
    const r = await get('/api/treaties/' + encodeURIComponent('中苏友好同盟互助条约'));
    expect(r.json().id).toBe('sino-soviet-1950');
  });

  it('answers 404 with suggestions for an unknown treaty', async () => {
    const r = await get('/api/treaties/sino-soviet-1951');
    expect(r.status).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'E_TREATY_UNKNOWN', field: 'id' });
    expect(Array.isArray(r.json().error.candidates)).toBe(true);
  });

  it('answers in-force and parties on a date', async () => {
    const f = (await get('/api/treaties/sino-soviet-1950/in-force?on=1979-06-01')).json();
    expect(f).toMatchObject({ inForce: true, period: { start: '1950-04-11', end: '1980-04-11' } });
    expect(f.explanation.steps.at(-1).text).toMatch(/inside/);
    expect((await get('/api/treaties/sino-soviet-1950/in-force?on=1980')).json().inForce).toBe('partly');
    const p = (await get('/api/treaties/sino-soviet-1950/parties?on=1960-01-01')).json();
    expect(p.parties.map((x: { ccode: number }) => x.ccode).sort()).toEqual([365, 710]);
  });

  it('rejects dates that do not exist or are not dates, naming the field', async () => {
    const bad = await get('/api/treaties/sino-soviet-1950/in-force?on=1950-02-30');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'E_DATE_INVALID', field: 'on' });
    expect(bad.json().error.message).toMatch(/28 days/);
    for (const on of ['yesterday', '1950-13', '19500214', '1950-02-14T00:00', '']) {
      const r = await get(`/api/treaties/sino-soviet-1950/in-force?on=${encodeURIComponent(on)}`);
      expect(r.status, on).toBe(400);
      expect(r.json().error.field, on).toBe('on');
      expect(r.json().error.expected, on).toMatch(/YYYY-MM-DD/);
    }
    const missing = await get('/api/treaties/sino-soviet-1950/parties');
    expect(missing.json().error).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'on', message: "the query parameter 'on' is required" });
  });

  it('lists the treaties of a state on a date, and every treaty without a state', async () => {
    const r = (await get('/api/treaties?state=China&on=1960-01-01')).json();
    expect(r.treaties.map((x: { id: string }) => x.id)).toContain('sino-soviet-1950');
    expect((await get('/api/treaties?state=China')).json().error.field).toBe('on');
    const all = (await get('/api/treaties?limit=1')).json();
    expect(all.treaties).toHaveLength(1);
    expect(all.total).toBeGreaterThanOrEqual(2);
  });

  it('lists disagreements, for all or one treaty and field', async () => {
    const all = (await get('/api/disagreements')).json();
    expect(all.disagreements.some((d: { treaty: string }) => d.treaty === 'sino-soviet-1950')).toBe(true);
    const one = (await get('/api/disagreements?treaty=sino-soviet-1950&field=end')).json();
    expect(one.disagreements).toHaveLength(1);
    expect((await get('/api/disagreements?field=expiry')).json().error.field).toBe('field');
  });
});

describe('states on a date', () => {
  it('lists allies with their obligations, filtered by type', async () => {
    const r = (await get('/api/allies?state=China&on=1960-01-01')).json();
    expect(r.allies.map((a: { ccode: number }) => a.ccode)).toEqual([365]);
    expect(r.explanation.steps.length).toBeGreaterThan(0);
    // Each obligation names its provision; the provision's texts are listed once.
    const obligations = r.allies.flatMap((a: { obligations: { treaty: string; provision: string }[] }) => a.obligations);
    expect(obligations.length).toBeGreaterThan(1);
    for (const o of obligations) {
      expect(Object.keys(o)).toEqual(['treaty', 'provision', 'type', 'bearer', 'beneficiary', 'start', 'end']);
      expect(r.provisions[`${o.treaty}/${o.provision}`]).toBeDefined();
    }
    expect(Object.keys(r.provisions).sort()).toEqual([...new Set(obligations.map((o: { treaty: string; provision: string }) => `${o.treaty}/${o.provision}`))].sort());
    // Source references name the source; titles are listed once.
    const refs = [...r.explanation.claims, ...r.explanation.steps].flatMap((x: { sources: { source: string; treaty?: string }[] }) => x.sources);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).not.toHaveProperty('title');
      expect(r.explanation.sources[`${ref.treaty ?? ''}/${ref.source}`]).toMatchObject({ title: expect.any(String), kind: expect.any(String) });
    }
    expect(r.provisions['sino-soviet-1950/mutual-defense']).toMatchObject({ type: 'defense', article: '1', condition: expect.stringContaining('attacker'), conditionText: expect.any(String) });
    const d = (await get('/api/allies?state=710&on=1960-01-01&type=defense')).json();
    expect(d.types).toEqual(['defense']);
    const two = (await get('/api/allies?state=710&on=1960-01-01&type=defense&type=consultation')).json();
    expect(two.types).toEqual(['defense', 'consultation']);
    const comma = (await get('/api/allies?state=710&on=1960-01-01&type=defense,consultation')).json();
    expect(comma.types).toEqual(['defense', 'consultation']);
    const bad = await get('/api/allies?state=710&on=1960-01-01&type=friendship');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'type' });
  });

  it('lists obligations both ways', async () => {
    const r = (await get('/api/obligations?state=Russia&on=1960-01-01')).json();
    expect(r.owes.some((o: { type: string }) => o.type === 'economic-aid')).toBe(true);
    expect(r.owedBy.some((o: { type: string }) => o.type === 'defense')).toBe(true);
  });

  it("says what an attack by Japan on the USSR in 1960 triggers: China's defence pledge", async () => {
    const r = (await get('/api/triggered?attacker=Japan&target=USSR&on=1960-01-01')).json();
    const d = r.obligations.find((o: { type: string }) => o.type === 'defense');
    expect(d).toMatchObject({ bearer: 710, status: 'triggered', treaty: 'sino-soviet-1950' });
    expect(d.reason).toMatch(/condition met/);
    expect(r.explanation.steps.length).toBeGreaterThan(1);
  });

  it('checks the attack parameters', async () => {
    expect((await get('/api/triggered?attacker=Japan&on=1960-01-01')).json().error.field).toBe('target');
    expect((await get('/api/triggered?attacker=Japan&target=Japan&on=1960-01-01')).json().error.field).toBe('target');
    const loc = await get('/api/triggered?attacker=Japan&target=USSR&on=1960-01-01&location=' + encodeURIComponent('"; drop table'));
    expect(loc.status).toBe(400);
    expect(loc.json().error.field).toBe('location');
    expect((await get('/api/triggered?attacker=Japan&target=USSR&on=1960-01-01&location=asia&provoked=no')).status).toBe(200);
    expect((await get('/api/triggered?attacker=Nowhere&target=USSR&on=1960-01-01')).json().error).toMatchObject({ code: 'E_STATE_UNKNOWN', field: 'attacker' });
  });
});

describe('network', () => {
  it('gives the network of a date with nodes, grouped edges and the explanation', async () => {
    const r = (await get('/api/network?on=1960-01-01')).json();
    expect(r.nodes.map((n: { ccode: number }) => n.ccode)).toEqual(expect.arrayContaining([365, 710]));
    expect(r.nodes.find((n: { ccode: number }) => n.ccode === 710)).toMatchObject({ name: 'China', abbrev: 'CHN' });
    // A state bears the name of the day: Russia in 1900, the Soviet Union in 1960.
    expect(r.nodes.find((n: { ccode: number }) => n.ccode === 365)).toMatchObject({ name: 'Soviet Union', abbrev: 'RUS' });
    const earlier = (await get('/api/network?on=1900-01-01')).json();
    expect(earlier.nodes.find((n: { ccode: number }) => n.ccode === 365)?.name).toBe('Russia');
    const e = r.edges.find((x: { source: number; target: number }) => x.source === 365 && x.target === 710);
    expect(e).toMatchObject({ directed: false, treaties: ['sino-soviet-1950'] });
    expect(e.types).toContainEqual({ type: 'defense', direction: 'both' });
    expect(r.explanation.steps[0].text).toMatch(/1960-01-01/);
    expect(r.explanation.claims).toEqual([]);
    expect((await get('/api/network?on=1960-01-01&claims=true')).json().explanation.claims.length).toBeGreaterThan(0);
  });

  it('draws one-way obligations as directed edges from the bearer', async () => {
    const r = (await get('/api/network?on=1951-01-01&type=economic-aid,recognition')).json();
    const e = r.edges.find((x: { treaties: string[] }) => x.treaties.includes('sino-soviet-1950'));
    expect(e).toBeDefined();
    // The credit runs from the USSR to China, but economic cooperation (art. 5) runs both ways.
    expect(e.types).toContainEqual({ type: 'recognition', direction: 'forward' });
    expect(e.source).toBe(365);
    const credit = (await get('/api/network?on=1951-01-01&type=recognition')).json();
    expect(credit.edges[0]).toMatchObject({ source: 365, target: 710, directed: true });
  });

  it('is empty before the treaties and filters by source', async () => {
    expect((await get('/api/network?on=1900')).json().edges.filter((e: { treaties: string[] }) => e.treaties.some((x) => x.startsWith('sino-soviet')))).toEqual([]);
    const curated = (await get('/api/network?on=1960-01-01&source=curated')).json();
    expect(curated.edges.some((e: { treaties: string[] }) => e.treaties.includes('sino-soviet-1950'))).toBe(true);
    // This database holds no ATOP data: source=atop has nothing to answer from (engines.test.ts answers it with ATOP records).
    const none = await get('/api/network?on=1960-01-01&source=atop');
    expect(none.status).toBe(404);
    expect(none.json().error).toMatchObject({ code: 'E_NO_ATOP_DATA', field: 'source' });
    const bad = await get('/api/network?on=1960-01-01&source=wikipedia');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'source', expected: expect.stringMatching(/curated/) });
  });

  it('keeps the same answer within a stretch of days where nothing changes', async () => {
    const a = (await get('/api/network?on=1960-01-01')).json();
    const b = (await get('/api/network?on=1960-06-01')).json();
    expect(b.edges).toEqual(a.edges);
    expect(a.stable.from <= '1960-01-01').toBe(true);
  });
});

describe('HTTP behaviour', () => {
  it('sends ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const r = await get('/api/treaties/sino-soviet-1950');
    expect(r.headers.etag).toMatch(/^W\/"/);
    expect(r.headers['cache-control']).toMatch(/max-age/);
    const again = await get('/api/treaties/sino-soviet-1950', { 'if-none-match': String(r.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await get('/api/treaties/sino-soviet-1950', { 'if-none-match': 'W/"nope"' });
    expect(other.status).toBe(200);
    expect(r.headers['x-cache']).toBeDefined();
    const hit = await get('/api/treaties/sino-soviet-1950');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.text).toBe(r.text);
    expect(hit.headers.etag).toBe(r.headers.etag);
    const health = await get('/api/health');
    expect(health.headers.etag).toBeUndefined();
    const err = await get('/api/treaties/none-such');
    expect(err.headers.etag).toBeUndefined();
    expect(err.headers['cache-control']).toBe('no-store');
  });

  it('answers a revalidation of a fresh answer 304, and of an invalid or unknown URL with its error', async () => {
    const fresh = '/api/allies?state=710&on=1979-02-17';
    const first = await get(fresh);
    const again = await get(fresh, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await get('/api/allies?state=710&on=1979-02-18', { 'if-none-match': '*' })).status).toBe(304);
    for (const [url, status] of [['/api/network?on=2023-02-30', 400], ['/api/treaties/nonexistent', 404], ['/api/nonexistent/route', 404], ['/api/search', 400]] as const) {
      const r = await get(url, { 'if-none-match': '*' });
      expect([url, r.status]).toEqual([url, status]);
      expect(r.json().error.code).toMatch(/^E_/);
    }
  });

  it('takes whole numbers in digits only: no Infinity, exponents or hexadecimal past the limits', async () => {
    for (const bad of ['Infinity', '1e309', '-Infinity', '0x16d', '1e2', ' ']) {
      const r = await get(`/api/treaties?limit=${encodeURIComponent(bad)}`);
      expect([bad, r.status]).toEqual([bad, 400]);
      expect(r.json().error).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'limit' });
    }
    expect((await get('/api/treaties?limit=5&offset=Infinity')).json().error.field).toBe('offset');
    expect((await get('/api/treaties?limit=5&offset=3')).status).toBe(200);
  });

  it('rejects an empty type list instead of reading it as every type', async () => {
    for (const url of ['/api/network?on=1979-02-17&type=', '/api/allies?state=710&on=1979-02-17&type=', '/api/allies?state=710&on=1979-02-17&type=,']) {
      const r = await get(url);
      expect([url, r.status]).toEqual([url, 400]);
      expect(r.json().error).toMatchObject({ code: 'E_INVALID_PARAMETER', field: 'type' });
    }
  });

  it('answers another method on an endpoint 405 with Allow, and a malformed target in the API error shape', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      const r = await t.app.inject({ method, url: '/api/treaties/sino-soviet-1950' });
      expect([method, r.statusCode, r.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
      expect(r.json().error.code).toBe('E_METHOD_NOT_ALLOWED');
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/no-such-thing' })).statusCode).toBe(404);
    for (const url of ['/api//health', '/api/treaties/sino-soviet-1950//in-force?on=1950']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect([url, r.statusCode, r.json().error.code]).toEqual([url, 404, 'E_NOT_FOUND']);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/static/index.html?url=x' });
    expect([docs.statusCode, docs.headers.location]).toEqual([302, '/api/docs/static/index.html']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/states/%FF%FE' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('E_BAD_URL');
  });

  it('serves the API reference page as HTML however often it is asked for', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await get('/api/docs/');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['x-cache']).toBeUndefined();
    }
  });

  it('refuses overlong requests and parameters', async () => {
    const long = await get('/api/search?q=' + 'a'.repeat(3000));
    expect(long.status).toBe(414);
    expect(long.json().error.code).toBe('E_URI_TOO_LONG');
    const state = await get('/api/allies?on=1960&state=' + 'x'.repeat(101));
    expect(state.status).toBe(400);
    expect(state.json().error.field).toBe('state');
    const types = await get('/api/allies?on=1960&state=China' + '&type=defense'.repeat(12));
    expect(types.status).toBe(400);
  });

  it('survives hostile input', async () => {
    for (const url of [
      '/api/states/..%2F..%2Fetc%2Fpasswd',
      '/api/treaties/%00',
      '/api/search?q=%00%01%02',
      '/api/search?q=' + encodeURIComponent('\u202e\ud83d\ude00'),
      '/api/search?q[]=a&q[]=b',
      '/api/allies?state=China&on=1960-01-01&state=Japan',
      '/api/treaties/' + encodeURIComponent("' OR 1=1 --"),
      '/api/network?on=0000-00-00',
      '/api/network?on=9999-12-31',
      '/api/treaties/' + encodeURIComponent('<img src=x onerror=alert(1)>'),
    ]) {
      const r = await get(url);
      expect(r.status, url).toBeLessThan(500);
      expect(r.headers['content-type'], url).toMatch(/application\/json/);
      if (r.status >= 400) expect(r.json().error.code, url).toMatch(/^E_/);
    }
  });

  it('answers unknown endpoints and methods with the error shape', async () => {
    const r = await get('/api/nope');
    expect(r.status).toBe(404);
    expect(r.json().error.code).toBe('E_NOT_FOUND');
    const post = await t.app.inject({ method: 'POST', url: '/api/search?q=x', payload: { a: 1 } });
    expect(post.statusCode).toBe(405);
    expect(post.json().error.code).toBe('E_METHOD_NOT_ALLOWED');
    const big = await t.app.inject({ method: 'POST', url: '/api/search', payload: 'x'.repeat(100_000), headers: { 'content-type': 'text/plain' } });
    expect(big.statusCode).toBeLessThan(500);
  });

  it('publishes an OpenAPI 3 document and a reference page', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/treaties/{id}', '/api/treaties/{id}/in-force', '/api/treaties/{id}/parties', '/api/treaties', '/api/allies', '/api/obligations', '/api/triggered', '/api/disagreements', '/api/network', '/api/search', '/api/states/{state}']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.paths['/api/allies'].get.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['state', 'on', 'type']));
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('serves the explorer page (or how to build it) for explorer paths', async () => {
    for (const url of ['/', '/treaty/sino-soviet-1950', '/network?on=1979-02-17&type=defense', '/state/710', '/attack']) {
      const r = await get(url);
      expect(r.status, url).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.headers['content-security-policy']).toMatch(/script-src 'self'/);
    }
    const unknown = await get('/no/such/page', { accept: 'text/html' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/text\/html/);
  });
});

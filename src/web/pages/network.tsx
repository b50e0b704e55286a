/**
 * The alliance network on any date: a time slider from 1815 to 2018, filters by obligation type
 * and source, and a click on a state (or a choice from the list) lists its obligations that day.
 * While the slider moves, at most one request is in flight and the newest date wins.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, apiUrl, getJson, useApi } from '../api.js';
import { ErrorBox, Explanation, Link, Notices, TypeBadge, typeLabel, useStates } from '../components.js';
import { SLIDER_FIRST, SLIDER_LAST, addMonths, clampDay, isIsoDay, isoToNumber, numberToIso } from '../dates.js';
import { ALLIANCE_TYPES as ALLIANCE, NetworkView, RingLayout, TYPE_ORDER } from '../network-view.js';
import { Downloads } from './downloads.js';
import { href, navigate } from '../router.js';
import type { HealthAnswer, NetworkAnswer, ObligationsAnswer, ObligationGroup } from '../types.js';

const OTHER = TYPE_ORDER.filter((t) => !ALLIANCE.includes(t));
const SOURCES = [
  ['all', 'All'],
  ['curated', 'Curated'],
  ['atop', 'ATOP'],
] as const;
const DEFAULT_DAY = '1950-06-01';
const FIRST = isoToNumber(SLIDER_FIRST);
const LAST = isoToNumber(SLIDER_LAST);

interface Filters {
  readonly day: string;
  readonly types: readonly string[];
  readonly source: string;
  /** ATOP release (`atop` in the address); null for the newest stored. */
  readonly atop: string | null;
  readonly state: number | null;
}

/** The address's `on` as a day: a day, a month's first day or a year's first day, or null. */
function rawDayOf(on: string): string | null {
  if (isIsoDay(on)) return on;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(on)) return `${on}-01`;
  if (/^\d{4}$/.test(on)) return `${on}-01-01`;
  return null;
}

/** The address's `on` as a day clamped to the slider's years, or null. */
function dayOf(on: string): string | null {
  const day = rawDayOf(on);
  return day === null ? null : clampDay(day);
}

/** What to tell the reader when the address's `on` is not a date the page can show, or lies outside the slider's years. */
function onNotice(q: URLSearchParams): string | null {
  const on = q.get('on');
  if (on === null) return null;
  const raw = rawDayOf(on);
  if (raw === null) return `The address asks for “${on.slice(0, 40)}”, which is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD): showing ${DEFAULT_DAY}.`;
  const day = clampDay(raw);
  // A date outside the years the data cover is moved to the nearest end, and the reader told so.
  return day === raw ? null : `The address asks for ${on}, outside the years the network covers (${SLIDER_FIRST} to ${SLIDER_LAST}): showing ${day}.`;
}

function fromQuery(q: URLSearchParams): Filters {
  const on = q.get('on') ?? '';
  const day = dayOf(on) ?? DEFAULT_DAY;
  const types = (q.get('type') ?? '').split(',').filter((t) => TYPE_ORDER.includes(t));
  const source = SOURCES.some(([s]) => s === q.get('source')) ? q.get('source')! : 'all';
  const st = Number(q.get('state'));
  // Any release the address names is asked for as written: the API refuses one it does not hold, by name.
  const atop = q.get('atop')?.slice(0, 20) || null;
  return { day, types: types.length ? types : ALLIANCE, source, atop, state: Number.isInteger(st) && st > 0 ? st : null };
}

function toHref(f: Filters): string {
  const sameTypes = f.types.length === ALLIANCE.length && ALLIANCE.every((t) => f.types.includes(t));
  return href('/network', { on: f.day, type: sameTypes ? undefined : f.types.join(','), source: f.source === 'all' ? undefined : f.source, atop: f.atop ?? undefined, state: f.state === null ? undefined : String(f.state) });
}

declare global {
  interface Window {
    /** Milliseconds of each network redraw (read by the browser tests). */
    __pactaRedraws?: number[];
    /** The drawn network, so that browser tests can find a state's node to click. */
    __pactaNetwork?: NetworkView | null;
  }
}

function Groups(props: { title: string; list: readonly ObligationGroup[]; side: 'to' | 'from' }): JSX.Element {
  return (
    <>
      <h3>{props.title}</h3>
      {props.list.length === 0 ? (
        <p class="muted">Nothing.</p>
      ) : (
        <ul class="obligations">
          {props.list.map((o) => (
            <li key={`${o.treaty}/${o.provision}`}>
              <TypeBadge type={o.type} /> {(props.side === 'to' ? o.to : o.from)?.map((s) => s.name).join(', ')}
              <div class="muted">
                <Link href={`/treaty/${encodeURIComponent(o.treaty)}`}>{o.treaty}</Link>
                {o.article && `, art. ${o.article}`}
              </div>
              {o.conditionText && <div class="condition">If: {o.conditionText}</div>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The network page. */
export function NetworkPage(props: { query: URLSearchParams }): JSX.Element {
  const [f, setF] = useState<Filters>(() => fromQuery(props.query));
  const [notice] = useState(() => onNotice(props.query));
  const [data, setData] = useState<NetworkAnswer | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [redraw, setRedraw] = useState<number | null>(null);
  const states = useStates();
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<NetworkView | null>(null);
  const lastHref = useRef(toHref(f));
  const inflight = useRef(false);
  const pending = useRef<string | null>(null);
  const shown = useRef<NetworkAnswer | null>(null);
  const [ready, setReady] = useState(false);
  // Several ATOP releases stored: a choice between them (the newest by default).
  const health = useApi<HealthAnswer>('/api/health').data;
  const releases = health?.atopReleases ?? [];
  const release = releases.find((r) => r.version === f.atop) ?? releases.at(-1);

  // Back/forward (or a link) to another network URL restores its filters.
  useEffect(() => {
    const next = fromQuery(props.query);
    if (toHref(next) !== lastHref.current) {
      lastHref.current = toHref(next);
      setF(next);
    }
  }, [props.query.toString()]);

  // Keep the URL in step with the view, without a history entry per slider step.
  useEffect(() => {
    const t = window.setTimeout(() => {
      const h = toHref(f);
      lastHref.current = h;
      navigate(h, { replace: true });
    }, 250);
    return () => window.clearTimeout(t);
  }, [f]);

  // Create the drawing once the registry (for the layout) is there.
  useEffect(() => {
    if (!states || !container.current || view.current) return;
    let cancelled = false;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !container.current) return;
      view.current = NetworkView.create(cytoscape, container.current, new RingLayout(states), (c) => setF((old) => ({ ...old, state: c })));
      window.__pactaNetwork = view.current;
      setReady(true);
    });
    // Fit the ring whenever the drawing's box changes size: on first layout too, which on a
    // narrow screen comes after the drawing is created (a window resize event does not).
    const resized = new ResizeObserver(() => view.current?.fit());
    resized.observe(container.current);
    return () => {
      cancelled = true;
      resized.disconnect();
      view.current?.destroy();
      view.current = null;
      window.__pactaNetwork = null;
    };
  }, [states]);

  const atopVersion = f.source === 'curated' ? undefined : (f.atop ?? undefined);
  const url = apiUrl('network', { on: f.day, type: f.types, source: f.source, atopVersion });
  useEffect(() => {
    const load = (u: string): void => {
      if (inflight.current) {
        pending.current = u;
        return;
      }
      inflight.current = true;
      getJson<NetworkAnswer>(u)
        .then((d) => {
          setError(undefined);
          setData(d);
        })
        .catch((err: unknown) => {
          // The last network drawn is not this query's: it goes, rather than stand under the new filters.
          setData(undefined);
          setError(err instanceof ApiError ? err : new ApiError(0, { code: 'E_CLIENT', message: String(err) }));
        })
        .finally(() => {
          inflight.current = false;
          const next = pending.current;
          pending.current = null;
          if (next && next !== u) load(next);
        });
    };
    load(url);
  }, [url]);

  // Redraw when new data (or the drawing) arrives.
  useEffect(() => {
    if (!data || !view.current || !ready) return;
    if (shown.current === data) return;
    shown.current = data;
    void view.current.update(data, f.state).then((ms) => {
      (window.__pactaRedraws ??= []).push(ms);
      setRedraw(ms);
    });
  }, [data, ready]);

  useEffect(() => {
    view.current?.select(f.state);
  }, [f.state, ready]);

  const obligations = useApi<ObligationsAnswer>(f.state === null ? null : apiUrl('obligations', { state: String(f.state), on: f.day, source: f.source, atopVersion }));
  const sortedNodes = useMemo(() => (data ? [...data.nodes].sort((a, b) => a.name.localeCompare(b.name)) : []), [data]);
  // Built once per answer, so that slider moves (which re-render the page) do not rebuild long lists.
  const stateOptions = useMemo(
    () =>
      sortedNodes.map((n) => (
        <option key={n.ccode} value={String(n.ccode)}>
          {`${n.name} (${n.abbrev})`}
        </option>
      )),
    [sortedNodes],
  );
  const treatyList = useMemo(
    () =>
      data && data.treaties.length > 0 ? (
        <details class="in-force">
          <summary>{data.treaties.length} treaties in force</summary>
          <ul class="plain">
            {data.treaties.map((t) => (
              <li key={t.id}>
                <Link href={`/treaty/${encodeURIComponent(t.id)}`}>{t.name}</Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null,
    [data],
  );
  const explanation = useMemo(() => (data ? <Explanation explanation={data.explanation} title="How the network was computed" /> : null), [data]);
  const dayNumber = isoToNumber(f.day);

  const setDay = (day: string): void => setF((old) => ({ ...old, day: clampDay(day) }));
  const onSliderKey = (e: KeyboardEvent): void => {
    const months = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : e.key === 'PageUp' ? 120 : e.key === 'PageDown' ? -120 : 0;
    if (!months) return;
    e.preventDefault();
    setDay(addMonths(f.day, e.shiftKey ? months * 12 : months));
  };
  // At least one type stays chosen: with none, the API (and the URL) would mean every type.
  const toggleType = (t: string, on: boolean): void => setF((old) => (!on && old.types.length === 1 && old.types[0] === t ? old : { ...old, types: on ? TYPE_ORDER.filter((x) => x === t || old.types.includes(x)) : old.types.filter((x) => x !== t) }));
  const summary = error
    ? 'No network for these filters: see the message below.'
    : data
    ? `On ${data.on}: ${data.nodes.length} states, ${data.edges.length} links, ${data.treaties.length} treaties${data.stable.from || data.stable.until ? `; unchanged ${data.stable.from ? `from ${data.stable.from}` : ''}${data.stable.until ? ` until the day before ${data.stable.until}` : ''}` : ''}.`
    : 'Loading the network…';

  return (
    <section class="network">
      <h1 tabIndex={-1}>Alliance network</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Network filters">
        <div class="field slider">
          <label for="day-slider">Date</label>
          <input
            id="day-slider"
            type="range"
            min={FIRST}
            max={LAST}
            step={1}
            value={dayNumber}
            aria-valuetext={f.day}
            aria-describedby="slider-help"
            onInput={(e) => setDay(numberToIso(Number((e.currentTarget as HTMLInputElement).value)))}
            onKeyDown={onSliderKey}
          />
          <input id="day" type="date" aria-label="Date (exact)" min={SLIDER_FIRST} max={SLIDER_LAST} value={f.day} onChange={(e) => isIsoDay((e.currentTarget as HTMLInputElement).value) && setDay((e.currentTarget as HTMLInputElement).value)} />
          <span id="slider-help" class="help">
            Arrow keys: one month; with Shift: one year; Page Up/Down: ten years.
          </span>
        </div>
        <fieldset>
          <legend>Obligation types</legend>
          {f.types.length === 1 && <p class="muted" id="types-note">At least one type stays chosen.</p>}
          {[ALLIANCE, OTHER].map((group, gi) => (
            <div class="checks" key={gi}>
              {group.map((t) => (
                <label key={t} class={`check type-${t}`}>
                  <input
                    type="checkbox"
                    checked={f.types.includes(t)}
                    disabled={f.types.length === 1 && f.types[0] === t}
                    aria-describedby={f.types.length === 1 && f.types[0] === t ? 'types-note' : undefined}
                    onChange={(e) => toggleType(t, (e.currentTarget as HTMLInputElement).checked)}
                  />
                  <span class={`swatch type-${t}`} aria-hidden="true" />
                  {typeLabel(t)}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Source</legend>
          <div class="checks">
            {SOURCES.map(([value, label]) => (
              <label key={value} class="check">
                <input type="radio" name="source" value={value} checked={f.source === value} onChange={() => setF((old) => ({ ...old, source: value }))} />
                {label}
              </label>
            ))}
          </div>
          {/* Once the server said what it holds: a release the address names but the server lacks shows as such. */}
          {health && (releases.length > 1 || (f.atop !== null && !releases.some((r) => r.version === f.atop))) && (
            <div class="field">
              <label for="atop-release">ATOP release</label>
              <select id="atop-release" value={f.atop === null || f.atop === releases.at(-1)?.version ? '' : f.atop} disabled={f.source === 'curated'} onChange={(e) => setF((old) => ({ ...old, atop: (e.currentTarget as HTMLSelectElement).value || null }))}>
                {releases.map((r, i) => (
                  <option key={r.version} value={i === releases.length - 1 ? '' : r.version}>
                    {`ATOP ${r.version}${r.until ? `, to ${r.until.slice(0, 4)}` : ''}${i === releases.length - 1 ? ' (newest)' : ''}`}
                  </option>
                ))}
                {f.atop !== null && !releases.some((r) => r.version === f.atop) && <option value={f.atop}>{`ATOP ${f.atop} (not held)`}</option>}
              </select>
            </div>
          )}
        </fieldset>
      </form>
      <p class="status" role="status" aria-live="polite">
        {summary}
      </p>
      {notice && <p class="notice">{notice}</p>}
      <div aria-live="polite">{error === undefined && <Notices notices={data?.notices} />}</div>
      {error && <ErrorBox error={error} />}
      <div class="network-body">
        <div class="graph-wrap" hidden={error !== undefined}>
          <div ref={container} class="graph" role="img" aria-label={`${summary} Choose a state from the list to hear its obligations.`} data-redraw-ms={redraw === null ? undefined : redraw.toFixed(1)} />
          <p class="legend" aria-hidden="true">
            {f.types.map((t) => (
              <span key={t} class="legend-item">
                <span class={`swatch type-${t}`} />
                {typeLabel(t)}
              </span>
            ))}
            <span class="legend-item muted">Arrows: one-way obligations</span>
          </p>
        </div>
        <aside class="side" aria-labelledby="side-title">
          <h2 id="side-title">States that day</h2>
          <div class="field">
            <label for="state-pick">Show the obligations of</label>
            <select id="state-pick" value={f.state === null ? '' : String(f.state)} onChange={(e) => setF((old) => ({ ...old, state: (e.currentTarget as HTMLSelectElement).value ? Number((e.currentTarget as HTMLSelectElement).value) : null }))}>
              <option value="">(choose a state)</option>
              {f.state !== null && !sortedNodes.some((n) => n.ccode === f.state) && <option value={String(f.state)}>{`state ${f.state}`}</option>}
              {stateOptions}
            </select>
          </div>
          <div aria-live="polite" class="state-obligations">
            {f.state !== null && obligations.error && <ErrorBox error={obligations.error} />}
            {f.state !== null && obligations.data && (
              <>
                <h3 class="state-name">
                  <Link href={`/state/${obligations.data.state.ccode}`}>{obligations.data.state.name}</Link> on {obligations.data.on}
                </h3>
                <Notices notices={obligations.data.notices} />
                <Groups title="Owes" list={obligations.data.owes} side="to" />
                <Groups title="Is owed" list={obligations.data.owedBy} side="from" />
              </>
            )}
          </div>
          {treatyList}
          {explanation}
        </aside>
      </div>
      {error === undefined && <Downloads day={f.day} types={f.types} source={f.source} atopVersion={atopVersion} lastYear={f.source !== 'curated' && release?.until ? Number(release.until.slice(0, 4)) : undefined} />}
    </section>
  );
}

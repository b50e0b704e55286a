/**
 * A state: a timeline of its treaties and obligations across its whole history, with links.
 */
import type { JSX } from 'preact';
import { apiUrl, useApi } from '../api.js';
import { ErrorBox, Explanation, Link, Loading, TypeBadge, typeLabel } from '../components.js';
import { yearFraction } from '../dates.js';
import { href } from '../router.js';
import type { StateAnswer } from '../types.js';

const TYPE_ORDER = ['defense', 'offense', 'neutrality', 'nonaggression', 'consultation', 'non-alliance', 'military-aid', 'economic-aid', 'bases', 'recognition', 'other'];

/** The strongest obligation type of a list (drives the bar colour). */
function strongest(types: readonly string[]): string {
  return TYPE_ORDER.find((t) => types.includes(t)) ?? 'other';
}

function Timeline(props: { data: StateAnswer; today: string }): JSX.Element {
  const rows = props.data.treaties;
  const starts = rows.flatMap((r) => r.spells.map((s) => yearFraction(s.start)));
  const ends = rows.flatMap((r) => r.spells.map((s) => yearFraction(s.end ?? props.today)));
  const step0 = Math.max(...ends) - Math.min(...starts) > 60 ? 10 : 5;
  const min = Math.floor(Math.min(...starts) / step0) * step0;
  const max = Math.ceil(Math.max(...ends) / step0) * step0;
  const span = Math.max(max - min, step0);
  const pct = (y: number): number => ((y - min) / span) * 100;
  const step = span > 150 ? 25 : span > 60 ? 10 : 5;
  const ticks: number[] = [];
  for (let y = Math.ceil(min / step) * step; y <= max; y += step) ticks.push(y);
  return (
    <figure class="timeline" aria-label={`Timeline of the ${rows.length} treaties of ${props.data.state.name}, ${min} to ${max}`}>
      <div class="tl-axis" aria-hidden="true">
        {ticks.map((t, i) => (
          // Every other label (counted from the last) is dropped on narrow screens, where they would touch.
          <span key={t} class={(ticks.length - 1 - i) % 2 ? 'tl-tick minor' : 'tl-tick'} style={{ left: `${pct(t)}%`, transform: `translateX(${pct(t) < 3 ? 0 : pct(t) > 97 ? -100 : -50}%)` }}>
            {t}
          </span>
        ))}
      </div>
      <ul class="tl-rows">
        {rows.map((r) => {
          const first = pct(yearFraction(r.spells[0]!.start));
          return (
            <li key={r.id} class="tl-row">
              {ticks.map((t) => (
                <span key={t} class="tl-grid" style={{ left: `${pct(t)}%` }} aria-hidden="true" />
              ))}
              {r.spells.map((s, j) => {
                const a = pct(yearFraction(s.start));
                const b = pct(yearFraction(s.end ?? props.today));
                return (
                  <Link key={j} href={`/treaty/${encodeURIComponent(r.id)}`} class={`tl-bar type-${strongest(r.types)}${s.end === null ? ' open' : ''}`} style={{ left: `${a}%`, width: `max(${b - a}%, 4px)` }} aria-label={`${r.name}: ${s.start} to ${s.end ?? 'no end yet'}`} />
                );
              })}
              <span class="tl-label" style={{ left: `${Math.min(first, 70)}%` }} aria-hidden="true">
                {r.name}
              </span>
            </li>
          );
        })}
      </ul>
      <figcaption class="legend">
        {TYPE_ORDER.filter((t) => rows.some((r) => strongest(r.types) === t)).map((t) => (
          <span key={t} class="legend-item">
            <span class={`swatch type-${t}`} aria-hidden="true" />
            {typeLabel(t)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

type Item = StateAnswer['obligations'][number];

/**
 * Up to this many treaties, the table of spells and each treaty's obligations are shown open;
 * beyond, they are closed sections (Russia with ATOP 5.1 has 157 treaties, whose open sections
 * made a page 68,000 pixels tall).
 */
const OPEN_GROUPS = 8;

/** Obligations per treaty; a provision owed both ways to the same states is shown once as mutual. */
function groupObligations(data: StateAnswer) {
  const byTreaty = new Map<string, Item[]>();
  for (const o of data.obligations) {
    let list = byTreaty.get(o.treaty);
    if (!list) byTreaty.set(o.treaty, (list = []));
    list.push(o);
  }
  const nameOf = new Map(data.treaties.map((t) => [t.id, t]));
  // Each state once, with every name it bore over the obligation's spells ("Soviet Union / Russia").
  const counterparts = (o: Item): string => {
    const names = new Map<number, string[]>();
    for (const c of o.counterparts) {
      const list = names.get(c.ccode) ?? [];
      if (!list.includes(c.name)) list.push(c.name);
      names.set(c.ccode, list);
    }
    return [...names.values()].map((n) => n.join(' / ')).join(', ');
  };
  return [...byTreaty.entries()].map(([treaty, list]) => {
    const items: { provision: string; type: string; direction: 'owes' | 'owed' | 'mutual'; names: string; article?: string; summary?: string; conditionText?: string }[] = [];
    for (const o of list) {
      const other = list.find((x) => x !== o && x.provision === o.provision && x.direction !== o.direction);
      if (other && counterparts(other) === counterparts(o)) {
        if (o.direction === 'owed') continue;
        items.push({ ...o, direction: 'mutual', names: counterparts(o) });
      } else items.push({ ...o, names: counterparts(o) });
    }
    const t = nameOf.get(treaty);
    const period = t ? t.spells.map((s) => `${s.start} – ${s.end ?? 'no end yet'}`).join('; ') : '';
    return { treaty, name: t?.name ?? treaty, period, first: t?.spells[0]?.start ?? '', items };
  }).sort((a, b) => a.first.localeCompare(b.first) || a.treaty.localeCompare(b.treaty));
}

/** The state page. */
export function StatePage(props: { id: string }): JSX.Element {
  const { data, error, loading } = useApi<StateAnswer>(apiUrl(`states/${encodeURIComponent(props.id)}`));
  const health = useApi<{ today: string }>('/api/health').data;
  if (error) {
    return (
      <section>
        <h1 tabIndex={-1}>State not found</h1>
        <ErrorBox error={error} />
      </section>
    );
  }
  if (!data || loading) return <Loading what="the state" />;
  const s = data.state;
  const today = health?.today ?? '2020-01-01';
  const groups = groupObligations(data);
  const many = data.treaties.length > OPEN_GROUPS;
  return (
    <article class="state">
      <header class="page-head">
        <p class="eyebrow">
          State · {s.abbrev} · COW {s.ccode}
        </p>
        <h1 tabIndex={-1}>{s.name}</h1>
        {s.aliases.length > 0 && <p class="lede">Also: {s.aliases.join(' · ')}</p>}
        <p>
          <Link href={href('/network', { on: data.range.start ?? undefined, state: String(s.ccode) })}>See it in the network</Link>
        </p>
      </header>
      <section aria-labelledby="h-timeline" class="card">
        <h2 id="h-timeline">Treaties over time</h2>
        {data.treaties.length === 0 ? <p class="muted">No treaty in the data binds this state.</p> : <Timeline data={data} today={today} />}
        {data.treaties.length > 0 && (
          <details class="spell-table" open={!many}>
            <summary>The {data.treaties.length} treaties as a table</summary>
            <table>
              <caption class="sr-only">Treaty spells of {s.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Treaty</th>
                  <th scope="col">Bound</th>
                  <th scope="col">Obligations</th>
                </tr>
              </thead>
              <tbody>
                {data.treaties.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link href={`/treaty/${encodeURIComponent(t.id)}`}>{t.name}</Link>
                      {t.origin !== 'curated' && <span class="tag">{t.origin}</span>}
                    </td>
                    <td>
                      {t.spells.map((sp, i) => (
                        <div key={i}>
                          {sp.start} – {sp.end ?? 'no end yet'}
                        </div>
                      ))}
                    </td>
                    <td>
                      {t.types.map((ty) => (
                        <TypeBadge key={ty} type={ty} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </section>
      <section aria-labelledby="h-obligations" class="card">
        <h2 id="h-obligations">Obligations</h2>
        {data.obligations.length === 0 && <p class="muted">None in the data.</p>}
        {many && groups.length > 0 && <p class="muted">Obligations under {groups.length} treaties: open a treaty’s list to see them.</p>}
        {groups.map((g) => (
          <div key={g.treaty} class="ob-treaty">
            <h3>
              <Link href={`/treaty/${encodeURIComponent(g.treaty)}`}>{g.name}</Link> <span class="muted">{g.period}</span>
            </h3>
            {/* The heading and its link stay outside the summary, which assistive technology reads as a button. */}
            <details open={!many}>
              <summary>
                {g.items.length === 1 ? '1 obligation' : `${g.items.length} obligations`}
                <span class="sr-only"> under {g.name}</span>
              </summary>
              <ul class="provisions">
              {g.items.map((o) => (
                <li key={`${o.provision}/${o.direction}`} class="provision">
                  <div class="provision-head">
                    <TypeBadge type={o.type} />
                    <span>
                      {o.direction === 'mutual' ? 'mutual with' : o.direction === 'owes' ? 'owes' : 'is owed by'} {o.names}
                    </span>
                    {o.article && <span class="muted">art. {o.article}</span>}
                  </div>
                  {o.summary && <p>{o.summary}</p>}
                  {o.conditionText && (
                    <p class="condition">
                      <strong>Condition: </strong>
                      {o.conditionText}
                    </p>
                  )}
                </li>
              ))}
              </ul>
            </details>
          </div>
        ))}
      </section>
      <Explanation explanation={data.explanation} />
    </article>
  );
}

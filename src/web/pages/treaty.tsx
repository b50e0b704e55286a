/**
 * A treaty: names in every script, dates with their sources and disagreements (with the
 * alternatives and the computation), parties with their spells, provisions in plain language,
 * relations and sources.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { apiUrl, useApi } from '../api.js';
import { ErrorBox, Explanation, Link, Loading, Refs, TypeBadge, formatPeriod, safeUrl } from '../components.js';
import type { Alternative, Disagreement, Fact, Provision, TreatyAnswer } from '../types.js';

/** "X … this treaty" for a relation another treaty has towards this one. */
const INCOMING: Record<string, string> = {
  'based-on': 'is based on',
  replaces: 'replaces',
  amends: 'amends',
  extends: 'extends',
  'supplemented-by': 'is supplemented by',
  supplements: 'supplements',
  related: 'is related to',
};

/**
 * Relations grouped by the other treaty: one entry per treaty, with what this treaty says of it
 * and what it says of this one (the 1950 Sino-Soviet treaty is based on the 1945 one, which in
 * turn names the 1950 one as related), so that a treaty is listed once.
 */
function relatedTreaties(t: TreatyAnswer) {
  const groups = new Map<string, { treaty: string; name: string; out: TreatyAnswer['relations'][number][]; in: TreatyAnswer['relatedFrom'][number][] }>();
  const group = (treaty: string, name: string) => {
    let g = groups.get(treaty);
    if (!g) groups.set(treaty, (g = { treaty, name, out: [], in: [] }));
    return g;
  };
  for (const r of t.relations) group(r.treaty, r.name ?? r.treaty).out.push(r);
  for (const r of t.relatedFrom) group(r.treaty, r.name).in.push(r);
  return [...groups.values()];
}

const FIELD_LABEL: Record<string, string> = { signed: 'Signed', 'in-force': 'In force', end: 'End' };
const LANG_LABEL: Record<string, string> = { en: 'English', 'zh-Hans': 'Chinese (simplified)', 'zh-Hant': 'Chinese (traditional)', 'zh-Latn-pinyin': 'Chinese (pinyin)', ru: 'Russian', 'ru-Latn': 'Russian (romanised)', fr: 'French', de: 'German', ja: 'Japanese' };

function AlternativeRow(props: { alt: Alternative; chosen: boolean; empty?: string }): JSX.Element {
  const a = props.alt;
  return (
    <li class={props.chosen ? 'alt chosen' : 'alt'}>
      <span class="alt-value">{a.value ?? props.empty ?? 'not ended'}</span> <span class={`kind kind-${a.kind}`}>{a.basis === 'derived' ? 'derived from clauses and events' : a.kind}</span>
      {props.chosen && <span class="in-use"> in use</span>}
      {a.note && <div class="note">{a.note}</div>}
      <Refs refs={a.sources} />
    </li>
  );
}

/** A marker on a party row or member line: a button that shows what each source says. */
function PartyDisagreement(props: { d: Disagreement }): JSX.Element {
  const { d } = props;
  const [open, setOpen] = useState(false);
  const panel = `party-${d.field}-${d.party?.ccode ?? 0}`;
  const empty = d.field === 'membership' ? 'not a party' : 'not ended';
  return (
    <>
      {' '}
      <button type="button" class="marker" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
        {d.field === 'membership' ? 'Sources disagree on membership' : `Sources disagree (${new Set(d.alternatives.map((a) => a.value)).size} end dates)`}
      </button>
      {open && (
        <ul id={panel} class="alternatives">
          {d.alternatives.map((a, i) => (
            <AlternativeRow key={i} alt={a} chosen={i === 0} empty={empty} />
          ))}
        </ul>
      )}
    </>
  );
}

function FactRow(props: { fact: Fact; treaty: TreatyAnswer }): JSX.Element {
  const { fact, treaty } = props;
  const [open, setOpen] = useState(false);
  const panel = `fact-${fact.field}`;
  const steps = fact.field === 'signed' ? treaty.explanation.steps.filter((s) => /^Signed/.test(s.text)) : treaty.explanation.steps;
  return (
    <div class={fact.disagreement ? 'fact disagree' : 'fact'}>
      <dt>{FIELD_LABEL[fact.field] ?? fact.field}</dt>
      <dd aria-live="polite">
        <span class="fact-value">{fact.value ?? 'not ended'}</span>{' '}
        <span class="muted">{fact.chosen.basis === 'derived' ? 'derived from clauses and events' : `stated by ${fact.chosen.kind}`}</span>{' '}
        <button type="button" class={fact.disagreement ? 'marker' : 'linkish'} aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
          {fact.disagreement ? `Sources disagree (${new Set(fact.alternatives.map((a) => a.value)).size} values)` : open ? 'Hide sources' : 'Sources'}
        </button>
        {open && (
          <div id={panel} class="fact-detail">
            <h4>What each source says</h4>
            <ul class="alternatives">
              {fact.alternatives.map((a, i) => (
                <AlternativeRow key={i} alt={a} chosen={a === fact.chosen || (a.value === fact.chosen.value && a.kind === fact.chosen.kind && a.basis === fact.chosen.basis)} />
              ))}
            </ul>
            {fact.field !== 'signed' && (
              <>
                <h4>{fact.field === 'end' ? 'How the end is computed from the clauses' : 'How it is computed'}</h4>
                <ol class="steps">
                  {steps.map((s, i) => (
                    <li key={i}>
                      {s.text}
                      {s.clause && <span class="clause"> ({s.clause})</span>}
                      <Refs refs={s.sources} />
                    </li>
                  ))}
                </ol>
              </>
            )}
          </div>
        )}
      </dd>
    </div>
  );
}

function who(sel: Provision['bearers'], names: Map<number, string>): string {
  if (sel === 'all') return 'every party';
  if (sel === 'others') return 'each other party';
  return sel.map((c) => names.get(c) ?? `state ${c}`).join(', ');
}

function ProvisionCard(props: { p: Provision; names: Map<number, string> }): JSX.Element {
  const { p, names } = props;
  return (
    <li class="provision">
      <div class="provision-head">
        <TypeBadge type={p.type} />
        {p.article && <span class="muted">art. {p.article}</span>}
        <span class="muted">
          {who(p.bearers, names)} → {who(p.beneficiaries, names)}
        </span>
      </div>
      {p.summary && <p>{p.summary}</p>}
      {(p.conditionText || p.condition) && (
        <p class="condition">
          <strong>Condition: </strong>
          {p.conditionText ?? p.condition}
          {p.condition && <code class="expr">{p.condition}</code>}
        </p>
      )}
      {(p.from || p.until) && (
        <p class="muted">
          Applies {p.from ? `from ${p.from}` : ''} {p.until ? `until ${p.until}` : ''}
        </p>
      )}
      {p.terms && (
        <dl class="terms">
          {Object.entries(p.terms).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'number' ? v.toLocaleString('en') : String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      <Refs refs={p.sources} />
    </li>
  );
}

/** The treaty page. */
export function TreatyPage(props: { id: string }): JSX.Element {
  const { data: t, error, loading } = useApi<TreatyAnswer>(apiUrl(`treaties/${encodeURIComponent(props.id)}`));
  if (error) {
    return (
      <section>
        <h1 tabIndex={-1}>Treaty not found</h1>
        <ErrorBox error={error} />
      </section>
    );
  }
  if (!t || loading) return <Loading what="the treaty" />;
  const names = new Map(t.parties.map((p) => [p.ccode, p.name]));
  const partyEnds = new Map(t.disagreements.filter((x) => x.field === 'party-end' && x.party).map((x) => [x.party!.ccode, x]));
  const otherMembers = t.disagreements.filter((x) => x.field === 'membership' && x.party);
  const d = t.duration;
  return (
    <article class="treaty">
      <header class="page-head">
        <p class="eyebrow">
          Treaty · <code>{t.id}</code> · {t.origin}
          {t.atopids.length > 0 && ` · ATOP ${t.atopids.join(', ')}`}
        </p>
        <h1 tabIndex={-1}>{t.name}</h1>
        {t.summary && <p class="lede">{t.summary}</p>}
      </header>

      <div class="cols">
        <section aria-labelledby="h-dates" class="card">
          <h2 id="h-dates">Dates</h2>
          <dl class="facts">
            {(['signed', 'in-force', 'end'] as const).map((f) => (t.facts[f] ? <FactRow key={f} fact={t.facts[f]!} treaty={t} /> : null))}
          </dl>
          <p class="muted">
            In force {t.period.start ?? 'never'}
            {t.period.start && ` to ${t.period.end ?? 'no end yet'}`}.
          </p>
          {d && (
            <p class="duration">
              <strong>Duration clause{d.article ? ` (art. ${d.article})` : ''}: </strong>
              {d.term ? `${formatPeriod(d.term)} from ${d.anchor === 'signature' ? 'signature' : 'entry into force'}` : 'indefinite'}
              {d.renewal && `; renewed tacitly for ${formatPeriod(d.renewal.term)}${d.renewal.times ? ` up to ${d.renewal.times} times` : ''}`}
              {d.notice && `; notice of denunciation at least ${formatPeriod(d.notice)} before a period ends`}
              {d.withdrawal && `; withdrawal takes effect ${formatPeriod(d.withdrawal)} after notice`}; enters into force on {d.entryIntoForce.replace(/-/g, ' ')}.
            </p>
          )}
        </section>

        <section aria-labelledby="h-names" class="card">
          <h2 id="h-names">Names</h2>
          <table>
            <caption class="sr-only">Names of the treaty in every language and script</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Language</th>
              </tr>
            </thead>
            <tbody>
              {t.names.map((n, i) => (
                <tr key={i}>
                  <td lang={n.lang}>{n.text}</td>
                  <td class="muted">
                    {LANG_LABEL[n.lang] ?? n.lang}
                    {n.kind ? `, ${n.kind}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="h-parties" class="card">
        <h2 id="h-parties">Parties</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Bound from</th>
              <th scope="col">to</th>
              <th scope="col">Why it ended</th>
            </tr>
          </thead>
          <tbody>
            {t.parties.map((p, i) => (
              <tr key={i}>
                <td>
                  <Link href={`/state/${p.ccode}`}>{p.name}</Link>
                </td>
                <td>{p.start}</td>
                <td>{p.end ?? 'no end yet'}</td>
                <td class="muted">
                  {p.endReason ?? ''}
                  {p.suspended.length > 0 && ` (suspended ${p.suspended.map((s) => `${s.start}–${s.end ?? ''}`).join(', ')})`}
                  {partyEnds.has(p.ccode) && (i === t.parties.findLastIndex((q) => q.ccode === p.ccode)) && <PartyDisagreement d={partyEnds.get(p.ccode)!} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {otherMembers.length > 0 && (
          <>
            <h3>Members that only other sources list</h3>
            <p class="muted">These states are members in a source, but not parties in the record the engine reasons with.</p>
            <ul class="other-members">
              {otherMembers.map((x) => (
                <li key={x.party!.ccode}>
                  <Link href={`/state/${x.party!.ccode}`}>{x.party!.name}</Link>, from {x.alternatives.find((a) => a.basis === 'stated')?.value ?? '?'}
                  <PartyDisagreement d={x} />
                </li>
              ))}
            </ul>
          </>
        )}
        {t.signatories.length > 0 && (
          <>
            <h3>Signatories</h3>
            <ul class="plain">
              {t.signatories.map((s, i) => (
                <li key={i}>
                  {s.person}
                  {s.role && <span class="muted">, {s.role}</span>}
                  {s.partyName && <span class="muted"> for {s.partyName}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="h-provisions" class="card">
        <h2 id="h-provisions">Provisions</h2>
        <ul class="provisions">
          {t.provisions.map((p) => (
            <ProvisionCard key={p.id} p={p} names={names} />
          ))}
        </ul>
      </section>

      <div class="cols">
        <section aria-labelledby="h-events" class="card">
          <h2 id="h-events">Events</h2>
          <ol class="events">
            {t.events.map((e, i) => (
              <li key={i}>
                <span class="date">{e.date}</span> {e.type.replace(/-/g, ' ')}
                {e.partyName && <span class="muted"> by {e.partyName}</span>}
                {e.note && <div class="note">{e.note}</div>}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="h-relations" class="card">
          <h2 id="h-relations">Related treaties</h2>
          {t.relations.length + t.relatedFrom.length === 0 && <p class="muted">None recorded.</p>}
          <ul class="plain">
            {relatedTreaties(t).map((g) => (
              <li key={g.treaty}>
                {g.out.map((r, i) => (
                  <div key={`o${i}`}>
                    {r.type.replace(/-/g, ' ')} <Link href={`/treaty/${encodeURIComponent(g.treaty)}`}>{g.name}</Link>
                    {r.note && <div class="note">{r.note}</div>}
                  </div>
                ))}
                {g.in.map((r, i) => (
                  <div key={`i${i}`}>
                    {g.out.length ? 'It' : <Link href={`/treaty/${encodeURIComponent(g.treaty)}`}>{g.name}</Link>} {INCOMING[r.type] ?? `${r.type.replace(/-/g, ' ')}:`} this treaty
                    {r.note && <div class="note">{r.note}</div>}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="h-sources" class="card">
        <h2 id="h-sources">Sources</h2>
        <ul class="sources">
          {t.sources.map((s) => {
            const url = safeUrl(s.url);
            return (
              <li key={s.id}>
                <span class={`kind kind-${s.kind}`}>{s.kind}</span> {url ? <a href={url} rel="noopener noreferrer">{s.title}</a> : s.title}
                {s.dataset && <span class="muted"> · {[s.dataset, s.version, s.file].filter(Boolean).join(' ')}</span>}
                {s.note && <div class="note">{s.note}</div>}
              </li>
            );
          })}
        </ul>
      </section>
      <Explanation explanation={t.explanation} />
    </article>
  );
}

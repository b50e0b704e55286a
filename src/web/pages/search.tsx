/**
 * Search across treaties and states by any name, script, alias or code.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, useApi } from '../api.js';
import { ErrorBox, Link } from '../components.js';
import { href, navigate } from '../router.js';
import type { SearchAnswer } from '../types.js';

/** Treaties asked for per search (the API's maximum is 100). */
const SEARCH_LIMIT = 20;

/** The search page (also the home page). */
export function SearchPage(props: { query: URLSearchParams }): JSX.Element {
  const initial = props.query.get('q') ?? '';
  const [text, setText] = useState(initial);
  const [q, setQ] = useState(initial.trim());
  // A link or Back that changes the URL's query (not the typing, which writes it) resets the box.
  useEffect(() => {
    if (initial.trim() !== text.trim()) {
      setText(initial);
      setQ(initial.trim());
    }
  }, [initial]);
  useEffect(() => {
    const t = window.setTimeout(() => {
      setQ(text.trim());
      navigate(href(text.trim() ? '/search' : '/', { q: text.trim() }), { replace: true });
    }, 200);
    return () => window.clearTimeout(t);
  }, [text]);
  const { data, error, loading } = useApi<SearchAnswer>(q ? apiUrl('search', { q: q.slice(0, 200), limit: SEARCH_LIMIT }) : null);
  const treaties = data ? (data.treaties.length >= SEARCH_LIMIT ? `The first ${data.treaties.length} treaties` : `${data.treaties.length} ${data.treaties.length === 1 ? 'treaty' : 'treaties'}`) : '';
  const count = data ? `${treaties} and ${data.states.length} ${data.states.length === 1 ? 'state' : 'states'} match “${data.query}”.` : '';
  return (
    <section class="search">
      <h1 tabIndex={-1}>Treaties as dated, sourced obligations</h1>
      <p class="lede">Find a treaty or a state by any of its names, in any script, by alias, COW code or ATOP id.</p>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <label for="q">Search treaties and states</label>
        <div class="searchbox">
          <input id="q" type="search" value={text} maxLength={200} autocomplete="off" spellcheck={false} placeholder="e.g. 中苏友好同盟互助条约, Soviet Union, 710, atop:3200" onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      <p class="status" aria-live="polite" role="status">
        {loading ? 'Searching…' : count}
      </p>
      {error && <ErrorBox error={error} />}
      {data && (
        <div class="results">
          <section aria-labelledby="r-treaties">
            <h2 id="r-treaties">Treaties</h2>
            {data.treaties.length === 0 ? (
              <p class="muted">No treaty.</p>
            ) : (
              <ul class="result-list">
                {data.treaties.map((t) => (
                  <li key={t.id}>
                    <Link href={`/treaty/${encodeURIComponent(t.id)}`}>{t.name}</Link>
                    <span class="muted"> · {t.id}</span>
                    {t.origin !== 'curated' && <span class="tag">{t.origin}</span>}
                    {t.names.length > 1 && <div class="aka">{t.names.filter((n) => n !== t.name).slice(0, 4).join(' · ')}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="r-states">
            <h2 id="r-states">States</h2>
            {data.states.length === 0 ? (
              <p class="muted">No state.</p>
            ) : (
              <ul class="result-list">
                {data.states.map((s) => (
                  <li key={s.ccode}>
                    <Link href={`/state/${s.ccode}`}>{s.name}</Link>
                    <span class="muted">
                      {' '}
                      · {s.abbrev} · COW {s.ccode}
                    </span>
                    {s.aliases.length > 0 && <div class="aka">{s.aliases.slice(0, 5).join(' · ')}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      {!q && (
        <div class="start">
          <h2>Start here</h2>
          <ul>
            <li>
              <Link href="/treaty/sino-soviet-1950">The Sino-Soviet treaty of 1950</Link>: when did it end? The sources disagree.
            </li>
            <li>
              <Link href="/network?on=1979-02-17">The alliance network on 17 February 1979</Link>
            </li>
            <li>
              <Link href="/attack?attacker=Japan&target=USSR&on=1960-01-01">What would a Japanese attack on the USSR in 1960 have triggered?</Link>
            </li>
          </ul>
        </div>
      )}
    </section>
  );
}

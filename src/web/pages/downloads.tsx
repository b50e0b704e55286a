/**
 * Downloads under the network: the network on screen as a file (GraphML, GEXF, JSON, DOT), and
 * the dyad-years and state-years of a span of years with the same types and source (CSV or
 * Parquet). They are plain links to `/api/exports/*`, which answer with attachments.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiUrl } from '../api.js';
import { SLIDER_FIRST, SLIDER_LAST } from '../dates.js';
import { ALLIANCE_TYPES } from '../network-view.js';

const NETWORK_FORMATS = [
  ['graphml', 'GraphML'],
  ['gexf', 'GEXF'],
  ['json', 'JSON'],
  ['dot', 'DOT'],
] as const;
const FIRST_YEAR = Number(SLIDER_FIRST.slice(0, 4));
const LAST_YEAR = Number(SLIDER_LAST.slice(0, 4));

/**
 * The download links of the network page, for its date, obligation types, source and ATOP
 * release (`lastYear`: the last year the release observes, when before the slider's).
 */
export function Downloads(props: { day: string; types: readonly string[]; source: string; atopVersion?: string | undefined; lastYear?: number | undefined }): JSX.Element {
  const last = Math.min(LAST_YEAR, props.lastYear ?? LAST_YEAR);
  const [from, setFrom] = useState(String(FIRST_YEAR));
  const [to, setTo] = useState(String(last));
  // The default end follows the release's last year. A year the reader chose stays, unless the
  // release ends before it: then it moves to the release's last year (and a start after that
  // year back to the first), so that the links stay offered.
  const [toChosen, setToChosen] = useState(false);
  useEffect(() => {
    setTo((t) => (!toChosen || Number(t) > last ? String(last) : t));
    setFrom((f) => (Number(f) > last ? String(FIRST_YEAR) : f));
  }, [last]);
  const [unit, setUnit] = useState('directed-dyad-year');
  const [format, setFormat] = useState('csv');
  const source = props.source === 'all' ? undefined : props.source;
  const allTypes = props.types.length === ALLIANCE_TYPES.length && ALLIANCE_TYPES.every((t) => props.types.includes(t));
  const atopVersion = props.atopVersion;
  const network = (f: string): string => apiUrl('exports/network', { on: props.day, types: allTypes ? undefined : props.types, source, atopVersion, format: f });
  // Dyad-years count alliances: the selected types among ATOP's five.
  const alliance = ALLIANCE_TYPES.filter((t) => props.types.includes(t));
  const years = [Number(from), Number(to)] as const;
  const yearsOk = years.every((y) => Number.isInteger(y) && y >= FIRST_YEAR && y <= last) && years[0] <= years[1];
  const table = (kind: string): string =>
    apiUrl(`exports/${kind}`, { from, to, ...(kind === 'dyads' ? { unit } : {}), types: alliance.length === ALLIANCE_TYPES.length ? undefined : alliance, source, atopVersion, format: format === 'csv' ? undefined : format });
  const ext = format === 'csv' ? 'CSV' : 'Parquet';
  return (
    <section class="card downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Data</h2>
      <p>
        Download this network ({props.day}):{' '}
        {NETWORK_FORMATS.map(([f, label], i) => (
          <span key={f}>
            {i > 0 && ' · '}
            <a href={network(f)} download aria-label={`Download the network of ${props.day} as ${label}`}>
              {label}
            </a>
          </span>
        ))}
      </p>
      <div class="dl-tables">
        <div class="field">
          <label for="dl-from">From</label>
          <input id="dl-from" type="number" min={FIRST_YEAR} max={last} value={from} onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="dl-to">To</label>
          <input
            id="dl-to"
            type="number"
            min={FIRST_YEAR}
            max={last}
            value={to}
            onInput={(e) => {
              const value = (e.currentTarget as HTMLInputElement).value;
              setToChosen(value !== String(last));
              setTo(value);
            }}
          />
        </div>
        <div class="field">
          <label for="dl-unit">Dyads</label>
          <select id="dl-unit" value={unit} onChange={(e) => setUnit((e.currentTarget as HTMLSelectElement).value)}>
            <option value="directed-dyad-year">directed (A’s obligations to B)</option>
            <option value="dyad-year">undirected (either way)</option>
          </select>
        </div>
        <div class="field">
          <label for="dl-format">Format</label>
          <select id="dl-format" value={format} onChange={(e) => setFormat((e.currentTarget as HTMLSelectElement).value)}>
            <option value="csv">CSV</option>
            <option value="parquet">Parquet</option>
          </select>
        </div>
        <p class="dl-links" aria-live="polite">
          {alliance.length === 0 ? (
            <span class="muted">Dyad-years and state-years count alliances: choose at least one of the five alliance types.</span>
          ) : !yearsOk ? (
            <span class="muted">
              Give the years from {FIRST_YEAR} to {last}, the first not after the last.
            </span>
          ) : (
            <>
              <a href={table('dyads')} download aria-label={`Download the dyad-years for the years ${from} to ${to} as ${ext}`}>
                Dyad-years {ext}
              </a>
              {' · '}
              <a href={table('state-years')} download aria-label={`Download the state-years for the years ${from} to ${to} as ${ext}`}>
                State-years {ext}
              </a>
            </>
          )}
        </p>
      </div>
      <p class="help">
        Same types and source as the network above; the files are those of <code>pacta dyads</code>, <code>pacta state-years</code> and <code>pacta network</code> (ATOP’s layout).
      </p>
    </section>
  );
}

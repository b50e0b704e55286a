/**
 * "What would an attack trigger?": pick attacker, target and date; see every obligation that
 * would respond, with its condition evaluated and the explanation.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, useApi } from '../api.js';
import { ErrorBox, Explanation, Link, Loading, StateInput, TypeBadge, Notices } from '../components.js';
import { href, navigate } from '../router.js';
import type { TriggeredAnswer } from '../types.js';

const STATUS_LABEL: Record<string, string> = { triggered: 'Triggered', 'not-triggered': 'Not triggered', undetermined: 'Undetermined', breached: 'Breached by the attack' };
const LOCATIONS = ['', 'europe', 'asia', 'middle-east', 'africa', 'americas', 'pacific', 'atlantic'];

/** The attack scenario page. */
export function AttackPage(props: { query: URLSearchParams }): JSX.Element {
  const q = props.query;
  const [attacker, setAttacker] = useState(q.get('attacker') ?? '');
  const [target, setTarget] = useState(q.get('target') ?? '');
  const [on, setOn] = useState(q.get('on') ?? '');
  const [location, setLocation] = useState(q.get('location') ?? '');
  const [provoked, setProvoked] = useState(q.get('provoked') ?? '');
  // Back and forward change the URL: the form shows the scenario the results are for.
  useEffect(() => {
    setAttacker(q.get('attacker') ?? '');
    setTarget(q.get('target') ?? '');
    setOn(q.get('on') ?? '');
    setLocation(q.get('location') ?? '');
    setProvoked(q.get('provoked') ?? '');
  }, [q.toString()]);
  const asked = q.get('attacker') && q.get('target') && q.get('on');
  const url = asked ? apiUrl('triggered', { attacker: q.get('attacker'), target: q.get('target'), on: q.get('on'), location: q.get('location'), provoked: q.get('provoked') }) : null;
  const { data, error, loading } = useApi<TriggeredAnswer>(url);
  const submit = (e: Event): void => {
    e.preventDefault();
    navigate(href('/attack', { attacker: attacker.trim(), target: target.trim(), on: on.trim(), location, provoked }));
  };
  const triggered = data?.obligations.filter((o) => o.status === 'triggered').length ?? 0;
  return (
    <section class="attack">
      <h1 tabIndex={-1}>What would an attack trigger?</h1>
      <p class="lede">Pick an attacker, a target and a date. Every obligation that would answer the attack is listed with its condition evaluated.</p>
      <form class="controls attack-form" onSubmit={submit} aria-label="Attack scenario">
        <StateInput id="attacker" label="Attacker" value={attacker} onInput={setAttacker} required />
        <StateInput id="target" label="Target" value={target} onInput={setTarget} required />
        <div class="field">
          <label for="on">Date</label>
          <input id="on" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" pattern="\d{4}(-\d{2}(-\d{2})?)?" value={on} required aria-describedby="on-help" onInput={(e) => setOn((e.currentTarget as HTMLInputElement).value)} />
          <span id="on-help" class="help">
            YYYY, YYYY-MM or YYYY-MM-DD
          </span>
        </div>
        <div class="field">
          <label for="location">Where</label>
          <select id="location" value={location} onChange={(e) => setLocation((e.currentTarget as HTMLSelectElement).value)}>
            {LOCATIONS.map((l) => (
              <option key={l} value={l}>
                {l ? l.replace('-', ' ') : '(not stated)'}
              </option>
            ))}
            {/* A region the address names but the list does not: shown as asked, so the form matches the error below. */}
            {!LOCATIONS.includes(location) && <option value={location}>{`“${location.slice(0, 40)}” (not a region)`}</option>}
          </select>
        </div>
        <div class="field">
          <label for="provoked">Provoked by the target?</label>
          <select id="provoked" value={provoked} onChange={(e) => setProvoked((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">(not stated)</option>
            <option value="no">no</option>
            <option value="yes">yes</option>
          </select>
        </div>
        <div class="field submit">
          <button type="submit">Evaluate</button>
        </div>
      </form>
      <div aria-live="polite" class="attack-result">
        {loading && <Loading what="the scenario" />}
        {error && <ErrorBox error={error} />}
        {data && (
          <>
            <h2>
              An attack by <Link href={`/state/${data.attacker.ccode}`}>{data.attacker.name}</Link> on <Link href={`/state/${data.target.ccode}`}>{data.target.name}</Link> on {data.on}
            </h2>
            <p class="status" role="status">
              {data.obligations.length === 0 ? 'triggers no obligation in the data.' : `${triggered} of ${data.obligations.length} obligations triggered.`}
            </p>
            <Notices notices={data.notices} />
            {data.obligations.length > 0 && (
              <table class="triggered">
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Who</th>
                    <th scope="col">Obligation</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {data.obligations.map((o, i) => (
                    <tr key={i} class={`status-${o.status}`}>
                      <td>
                        <span class={`status-badge ${o.status}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
                      </td>
                      <td>
                        <Link href={`/state/${o.bearer}`}>{o.bearerName}</Link>
                      </td>
                      <td>
                        <TypeBadge type={o.type} />{' '}
                        <Link href={`/treaty/${encodeURIComponent(o.treaty)}`}>{o.treaty}</Link>
                        <span class="muted"> / {o.provision}</span>
                      </td>
                      <td>
                        {o.reason}
                        {o.condition && <code class="expr">{o.condition}</code>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Explanation explanation={data.explanation} open />
          </>
        )}
      </div>
    </section>
  );
}

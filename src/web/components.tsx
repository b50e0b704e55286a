/**
 * Shared pieces of the explorer: links, explanations, source lists, errors, badges and inputs.
 * Everything is rendered as text through Preact, which escapes it; no HTML from data is inserted.
 */
import type { CSSProperties, ComponentChildren, JSX } from 'preact';
import { navigate } from './router.js';
import type { ApiError } from './api.js';
import { useApi } from './api.js';
import type { Explanation as ExplanationData, Period, SourceRef, StateListEntry } from './types.js';

/** A link inside the explorer (client-side navigation; modifier clicks open normally). */
export function Link(props: { href: string; children?: ComponentChildren; class?: string; style?: CSSProperties; 'aria-label'?: string }): JSX.Element {
  const onClick = (e: MouseEvent): void => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.href);
  };
  return (
    <a href={props.href} class={props.class} style={props.style} onClick={onClick} aria-label={props['aria-label']}>
      {props.children}
    </a>
  );
}

/** Only http(s) URLs become links, so that a `javascript:` URL in data can never run. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, window.location.origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** "title, at" of a source reference. */
export function refText(r: SourceRef): string {
  return r.at ? `${r.title}, ${r.at}` : r.title;
}

/** Source references as a compact list. */
export function Refs(props: { refs: readonly SourceRef[] }): JSX.Element | null {
  if (!props.refs.length) return null;
  return (
    <ul class="refs">
      {props.refs.map((r, i) => (
        <li key={i}>
          <span class={`kind kind-${r.kind}`}>{r.kind}</span> {refText(r)}
        </li>
      ))}
    </ul>
  );
}

/** The explanation of an answer: the steps in order, then the claims with their sources. */
export function Explanation(props: { explanation: ExplanationData; title?: string; open?: boolean }): JSX.Element | null {
  const { steps, claims } = props.explanation;
  if (!steps.length && !claims.length) return null;
  return (
    <details class="explanation" open={props.open}>
      <summary>{props.title ?? 'How this answer was computed'}</summary>
      {steps.length > 0 && (
        <ol class="steps">
          {steps.map((s, i) => (
            <li key={i}>
              <span>{s.text}</span>
              {s.clause && <span class="clause"> ({s.clause})</span>}
              <Refs refs={s.sources} />
            </li>
          ))}
        </ol>
      )}
      {claims.length > 0 && (
        <>
          <h4>Claims used</h4>
          <ul class="claims">
            {claims.map((c, i) => (
              <li key={i}>
                {c.treaty && <Link href={`/treaty/${encodeURIComponent(c.treaty)}`}>{c.treaty}</Link>} {c.fact}: <strong>{c.value}</strong>
                <Refs refs={c.sources} />
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** An answer's caveats on its date (outside the days a dataset observes), if any. */
export function Notices(props: { notices?: readonly string[] | undefined }): JSX.Element | null {
  if (!props.notices?.length) return null;
  return (
    <div class="notice">
      {props.notices.map((n, i) => (
        <p key={i}>{n}</p>
      ))}
    </div>
  );
}

/** An error answer, with the field, what was expected and suggestions. */
export function ErrorBox(props: { error: ApiError }): JSX.Element {
  const e = props.error.body;
  return (
    <div class="error" role="alert">
      <p>
        <strong>{e.message}</strong> <code>{e.code}</code>
      </p>
      {e.field && (
        <p>
          Field <code>{e.field}</code>
          {e.expected ? `: expected ${e.expected}` : ''}
        </p>
      )}
      {e.hint && <p>{e.hint}</p>}
      {e.candidates && e.candidates.length > 0 && (
        <p>
          Did you mean:{' '}
          {e.candidates.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <Link href={/^\d+$/.test(c.id) ? `/state/${c.id}` : `/treaty/${encodeURIComponent(c.id)}`}>{c.label}</Link>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** A loading note for screen readers and eyes. */
export function Loading(props: { what?: string }): JSX.Element {
  return <p class="loading">Loading{props.what ? ` ${props.what}` : ''}…</p>;
}

/** Display name of an obligation type. */
export function typeLabel(type: string): string {
  return type === 'nonaggression' ? 'non-aggression' : type.replace(/-/g, ' ');
}

/** A coloured obligation type label. */
export function TypeBadge(props: { type: string }): JSX.Element {
  return <span class={`badge type-${props.type}`}>{typeLabel(props.type)}</span>;
}

/** "30 years", "1 year and 6 months". */
export function formatPeriod(p: Period | undefined): string {
  if (!p) return '';
  const parts: string[] = [];
  const unit = (n: number | undefined, w: string): void => {
    if (n) parts.push(`${n} ${w}${n === 1 ? '' : 's'}`);
  };
  unit(p.years, 'year');
  unit(p.months, 'month');
  unit(p.days, 'day');
  return parts.length <= 1 ? (parts[0] ?? '0 days') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** The registry's states, loaded once (for pickers and the network's layout). */
export function useStates(): readonly StateListEntry[] | undefined {
  return useApi<{ states: StateListEntry[] }>('/api/states').data?.states;
}

/** A text input for a state with suggestions from the registry (any name, alias, code). */
export function StateInput(props: { id: string; label: string; value: string; onInput: (v: string) => void; required?: boolean }): JSX.Element {
  const states = useStates();
  const listId = `${props.id}-options`;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} type="text" list={listId} value={props.value} required={props.required} autocomplete="off" spellcheck={false} onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)} />
      <datalist id={listId}>
        {states?.map((s) => (
          <option key={s.ccode} value={s.name}>
            {`${s.abbrev} · ${s.ccode}`}
          </option>
        ))}
      </datalist>
    </div>
  );
}

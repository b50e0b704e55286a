/**
 * The Pacta explorer: search, treaty and state pages, the alliance network over time and attack
 * scenarios, all drawn from the HTTP API.
 */
import { render, type JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import './styles.css';
import { Link } from './components.js';
import { usePlace } from './router.js';
import { SearchPage } from './pages/search.js';
import { TreatyPage } from './pages/treaty.js';
import { StatePage } from './pages/state.js';
import { NetworkPage } from './pages/network.js';
import { AttackPage } from './pages/attack.js';

function NotFound(): JSX.Element {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Try the <Link href="/">search</Link>.
      </p>
    </section>
  );
}

function App(): JSX.Element {
  const place = usePlace();
  const segments = place.path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  let page: JSX.Element;
  let section = 'search';
  if (segments.length === 0 || (segments[0] === 'search' && segments.length === 1)) page = <SearchPage query={place.query} />;
  else if (segments[0] === 'treaty' && segments.length === 2) {
    page = <TreatyPage id={segments[1]!} />;
    section = '';
  } else if (segments[0] === 'state' && segments.length === 2) {
    page = <StatePage id={segments[1]!} />;
    section = '';
  }
  else if (segments[0] === 'network' && segments.length === 1) {
    page = <NetworkPage query={place.query} />;
    section = 'network';
  } else if (segments[0] === 'attack' && segments.length === 1) {
    page = <AttackPage query={place.query} />;
    section = 'attack';
  } else page = <NotFound />;

  useEffect(() => {
    // Move focus to the new page's heading so that screen readers announce the change. Treaty and
    // state pages show "Loading…" first: wait (a few seconds at most) for their heading.
    const main = document.querySelector('main');
    const tryFocus = (): boolean => {
      const h = document.querySelector<HTMLElement>('main h1');
      if (!h) return false;
      if (document.activeElement === document.body) h.focus({ preventScroll: true });
      return true;
    };
    if (tryFocus() || !main) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [place.path]);

  const nav = (to: string, name: string, key: string): JSX.Element => (
    <li>
      <a
        href={to}
        aria-current={section === key ? 'page' : undefined}
        onClick={(e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          window.history.pushState(null, '', to);
          window.dispatchEvent(new Event('pacta:navigate'));
        }}
      >
        {name}
      </a>
    </li>
  );
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand" aria-label="Pacta, home">
          Pacta
        </Link>
        <nav aria-label="Main">
          <ul>
            {nav('/', 'Search', 'search')}
            {nav('/network', 'Network', 'network')}
            {nav('/attack', 'Attack scenario', 'attack')}
            <li>
              <a href="/api/docs">API</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);

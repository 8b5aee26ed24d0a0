import { Suspense, lazy, useEffect, useState } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { createApiClients } from './api/client';
import type { ApiClients } from './api/client';
import { createConnectionStatus } from './api/connection-status';
import { ConnectionStatusContext } from './api/live-status';
import { clearToken, saveToken, takeToken } from './auth/token';
import { LiveIndicator } from './components/LiveIndicator';
import { TokenBox } from './components/TokenBox';
import { OverviewPage } from './pages/OverviewPage';

// Pages other than the first are loaded on demand, so the first page's JavaScript stays small.
const StudioPage = lazy(() => import('./pages/StudioPage'));
const PostsPage = lazy(() => import('./pages/PostsPage'));
const PostPage = lazy(() => import('./pages/PostPage'));
const ExperimentsPage = lazy(() => import('./pages/ExperimentsPage'));
const AchievementsPage = lazy(() => import('./pages/AchievementsPage'));

const PAGES = [
  { to: '/', label: 'Overview' },
  { to: '/studio', label: 'Studio' },
  { to: '/posts', label: 'Posts' },
  { to: '/experiments', label: 'Experiments' },
  { to: '/achievements', label: 'Achievements' },
];

/**
 * The dashboard: a header (live indicator, token), the navigation named after the pages, and the
 * page of the current route. The API clients are made for the current token and remade when it
 * changes (a new token is a new identity: nothing cached under the old one is kept).
 */
export function App() {
  const [token, setToken] = useState<string | null>(() => takeToken({ location: window.location, history: window.history, storage: window.sessionStorage }));
  const [clients, setClients] = useState<ApiClients | null>(null);
  // Made in an effect, so that a socket a cleanup closed is never reused (StrictMode mounts twice),
  // each with its own status (a closed socket's last event cannot mark its successor).
  useEffect(() => {
    const created = createApiClients(token, createConnectionStatus());
    setClients(created);
    return () => void created.ws.dispose();
  }, [token]);
  if (!clients) return null;

  return (
    <Provider value={clients.client}>
      <ConnectionStatusContext.Provider value={clients.status}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="top">
          <p className="brand">Threads Agent Supergraph</p>
          <LiveIndicator status={clients.status} />
          <TokenBox
            token={token}
            onSave={(pasted) => setToken(saveToken(window.sessionStorage, pasted))}
            onClear={() => {
              clearToken(window.sessionStorage);
              setToken(null);
            }}
          />
        </header>
        <nav aria-label="Pages" className="pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.to}>
                <NavLink to={page.to} end={page.to === '/'}>
                  {page.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<p role="status">Loading…</p>}>
            <Routes>
              <Route path="/" element={<OverviewPage />} />
              <Route path="/studio" element={<StudioPage />} />
              <Route path="/posts" element={<PostsPage />} />
              <Route path="/posts/:id" element={<PostPage />} />
              <Route path="/experiments" element={<ExperimentsPage />} />
              <Route path="/achievements" element={<AchievementsPage />} />
              <Route path="*" element={<h1>Page not found</h1>} />
            </Routes>
          </Suspense>
        </main>
      </ConnectionStatusContext.Provider>
    </Provider>
  );
}

import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, errorMessage, onUnauthenticated, type Session } from './api.js';
import { AppShell, PublicShell } from './AppShell.js';
import { Alert, Button, Heading, Paragraph } from './components/index.js';
import { usePageTitle } from './hooks.js';
import { LoginPage } from './pages/LoginPage.js';
import { MonitorPage } from './pages/MonitorPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { isDataPath } from './pages/data-area/paths.js';
import { isCurvePath } from './pages/curve/paths.js';
import { PLACEHOLDERS, PlaceholderPage } from './pages/PlaceholderPage.js';
import { matchPath, navigate, useLocation } from './router.js';
import { SessionContext, type SessionState } from './session.js';

// The indicator page carries echarts; load it only when needed.
const IndicatorPage = lazy(() => import('./pages/IndicatorPage.js').then((module) => ({ default: module.IndicatorPage })));
// Own indicators: the form to define one (issue 4).
const OwnIndicatorPage = lazy(() => import('./pages/OwnIndicatorPage.js').then((module) => ({ default: module.OwnIndicatorPage })));
// Wijk profile and the list of wijken.
const WijkProfilePage = lazy(() => import('./pages/WijkProfilePage.js').then((module) => ({ default: module.WijkProfilePage })));
const WijkenPage = lazy(() => import('./pages/WijkProfilePage.js').then((module) => ({ default: module.WijkenPage })));
// The Data area (upload, history, quarantine, mappings) is loaded when first opened.
const DataArea = lazy(() => import('./pages/data-area/DataArea.js'));
// Beleidskader (issue 5): list, status view ("hoe staan we ervoor"), goal page and the concept editor.
const FrameworkListPage = lazy(() => import('./pages/framework/FrameworkListPage.js').then((module) => ({ default: module.FrameworkListPage })));
const FrameworkPage = lazy(() => import('./pages/framework/FrameworkPage.js').then((module) => ({ default: module.FrameworkPage })));
const FrameworkGoalPage = lazy(() => import('./pages/framework/GoalPage.js').then((module) => ({ default: module.GoalPage })));
const FrameworkEditorPage = lazy(() => import('./pages/framework/FrameworkEditorPage.js').then((module) => ({ default: module.FrameworkEditorPage })));
// Sturen (issue 5): overview with scores, turn the curve per indicator and period, actions.
const CurveArea = lazy(() => import('./pages/curve/CurveArea.js'));
// Piramide en stapeling (issue 5): the 80/15/5 pyramid, flows, draagkracht, stapeling.
const SegmentsPage = lazy(() => import('./pages/segments/SegmentsPage.js').then((module) => ({ default: module.SegmentsPage })));

type SessionStatus =
  | { kind: 'checking' }
  | { kind: 'anonymous' }
  | { kind: 'error'; message: string }
  | { kind: 'authenticated'; session: Session };

/** Where to go after logging in: a same-app path from `?next=`, else the monitor. */
function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')) return next;
  return '/monitor';
}

function Loading({ label }: { label: string }) {
  return (
    <p className="utrecht-paragraph koers-loading" role="status">
      {label}
    </p>
  );
}

function StartupError({ message, onRetry }: { message: string; onRetry: () => void }) {
  usePageTitle('Koers is niet bereikbaar');
  return (
    <PublicShell>
      <Heading level={1}>Koers is nu niet bereikbaar</Heading>
      <Alert type="error">
        <Paragraph>{message}</Paragraph>
      </Alert>
      <Button appearance="primary-action" onClick={onRetry}>
        Opnieuw proberen
      </Button>
    </PublicShell>
  );
}

/** The beleidskader pages under /sturen/beleidskader, or null. */
function frameworkRoute(pathname: string): ReactNode {
  if (matchPath('/sturen/beleidskader', pathname)) return <FrameworkListPage />;
  const edit = matchPath('/sturen/beleidskader/:id/versie/:v/bewerken', pathname);
  if (edit?.params.id && /^\d+$/.test(edit.params.v ?? '')) return <FrameworkEditorPage key={`${edit.params.id}-${edit.params.v}`} id={edit.params.id} version={Number(edit.params.v)} />;
  const goal = matchPath('/sturen/beleidskader/:id/doel/:node', pathname);
  if (goal?.params.id && goal.params.node) return <FrameworkGoalPage key={goal.params.node} id={goal.params.id} nodeId={goal.params.node} />;
  const fw = matchPath('/sturen/beleidskader/:id', pathname);
  if (fw?.params.id) return <FrameworkPage key={fw.params.id} id={fw.params.id} />;
  return null;
}

/** Pages for a logged-in user, chosen by path. */
function routeContent(pathname: string): ReactNode {
  if (matchPath('/monitor', pathname)) return <MonitorPage />;
  const own = matchPath('/monitor/eigen/:id', pathname);
  if (own?.params.id) {
    const id = own.params.id === 'nieuw' ? undefined : own.params.id;
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <OwnIndicatorPage key={id ?? 'nieuw'} id={id} />
      </Suspense>
    );
  }
  const indicator = matchPath('/monitor/indicator/:id', pathname);
  if (indicator?.params.id) {
    const id = indicator.params.id;
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <IndicatorPage key={id} id={id} />
      </Suspense>
    );
  }
  if (matchPath('/wijken', pathname)) {
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <WijkenPage />
      </Suspense>
    );
  }
  const wijk = matchPath('/wijken/:code', pathname);
  if (wijk?.params.code) {
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <WijkProfilePage key={wijk.params.code} code={wijk.params.code} />
      </Suspense>
    );
  }
  if (matchPath('/piramide', pathname)) {
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <SegmentsPage />
      </Suspense>
    );
  }
  if (isCurvePath(pathname)) {
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <CurveArea pathname={pathname} />
      </Suspense>
    );
  }
  const framework = frameworkRoute(pathname);
  if (framework) return <Suspense fallback={<Loading label="Pagina laden…" />}>{framework}</Suspense>;
  if (isDataPath(pathname)) {
    return (
      <Suspense fallback={<Loading label="Pagina laden…" />}>
        <DataArea pathname={pathname} />
      </Suspense>
    );
  }
  for (const placeholder of PLACEHOLDERS) {
    if (matchPath(placeholder.path, pathname)) return <PlaceholderPage key={placeholder.path} area={placeholder} />;
  }
  return <NotFoundPage />;
}

export function App() {
  const { pathname, search } = useLocation();
  const [status, setStatus] = useState<SessionStatus>({ kind: 'checking' });

  const checkSession = useCallback(() => {
    setStatus({ kind: 'checking' });
    api.session().then(
      (session) => setStatus(session ? { kind: 'authenticated', session } : { kind: 'anonymous' }),
      (error: unknown) => setStatus({ kind: 'error', message: errorMessage(error) }),
    );
  }, []);

  useEffect(checkSession, [checkSession]);

  // A 401 from any API call means the session is gone: back to the login page.
  useEffect(() => {
    onUnauthenticated(() => setStatus({ kind: 'anonymous' }));
    return () => onUnauthenticated(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is forgotten locally anyway; the server ends it on expiry.
    }
    setStatus({ kind: 'anonymous' });
    navigate('/login', { replace: true });
  }, []);

  const sessionState = useMemo<SessionState | null>(
    () => (status.kind === 'authenticated' ? { session: status.session, logout } : null),
    [status, logout],
  );

  const isLogin = matchPath('/login', pathname) !== null;
  const isRoot = pathname === '/' || pathname === '';
  const next = search.get('next');

  // Redirects: not logged in → /login (remembering where to go), logged in on /login → onward.
  useEffect(() => {
    if (status.kind === 'anonymous' && !isLogin) {
      const target = isRoot ? '/login' : `/login?next=${encodeURIComponent(pathname + window.location.search)}`;
      navigate(target, { replace: true });
    } else if (status.kind === 'authenticated' && isLogin) {
      navigate(safeNext(next), { replace: true });
    } else if (status.kind === 'authenticated' && isRoot) {
      navigate('/monitor', { replace: true });
    }
  }, [status.kind, isLogin, isRoot, pathname, next]);

  if (status.kind === 'checking') {
    return (
      <PublicShell>
        <Loading label="Koers wordt geladen…" />
      </PublicShell>
    );
  }
  if (status.kind === 'error') return <StartupError message={status.message} onRetry={checkSession} />;

  if (status.kind === 'anonymous') {
    if (!isLogin) return null; // redirecting
    return (
      <PublicShell>
        <LoginPage onLoggedIn={(session) => setStatus({ kind: 'authenticated', session })} />
      </PublicShell>
    );
  }

  if (isLogin || isRoot || !sessionState) return null; // redirecting
  return (
    <SessionContext.Provider value={sessionState}>
      <AppShell>{routeContent(pathname)}</AppShell>
    </SessionContext.Provider>
  );
}

import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Button, NavBar, PageBody, PageFooter, PageHeader, PageLayout, SkipLink, type NavItem } from './components/index.js';
import { roleLabel } from './format.js';
import { Link, useLocation } from './router.js';
import { useSession } from './session.js';

/** The primary areas of Koers. New pages go under one of these. */
export const AREAS: NavItem[] = [
  { to: '/monitor', label: 'Monitor' },
  { to: '/sturen', label: 'Sturen' },
  { to: '/piramide', label: 'Piramide' },
  { to: '/aanbieders', label: 'Aanbieders' },
  { to: '/data', label: 'Data' },
  { to: '/beheer', label: 'Beheer' },
];

/**
 * Moves focus to the new page's h1 after client-side navigation, as a page load would.
 * Lazy pages render their h1 a moment later; until then focus waits on <main>.
 */
function useFocusOnNavigate(pathname: string, main: RefObject<HTMLElement | null>): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const focusHeading = (heading: HTMLElement) => {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    };
    let observer: MutationObserver | null = null;
    let timeout = 0;
    const frame = window.requestAnimationFrame(() => {
      const container = main.current;
      if (!container) return;
      const heading = container.querySelector('h1');
      if (heading) {
        focusHeading(heading);
        return;
      }
      container.focus({ preventScroll: true });
      observer = new MutationObserver(() => {
        const late = container.querySelector('h1');
        if (!late) return;
        observer?.disconnect();
        if (document.activeElement === container) focusHeading(late);
      });
      observer.observe(container, { childList: true, subtree: true });
      timeout = window.setTimeout(() => observer?.disconnect(), 5000);
    });
    return () => {
      window.cancelAnimationFrame(frame);
      observer?.disconnect();
      window.clearTimeout(timeout);
    };
  }, [pathname, main]);
}

function UserMenu() {
  const { session, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const { user } = session;
  return (
    <div className="koers-user-menu" role="group" aria-label="Uw account">
      <p className="koers-user-menu__who">
        <span className="koers-user-menu__name">{user.displayName}</span>
        <span className="koers-user-menu__role">{user.roleLabel ?? roleLabel(user.role)}</span>
      </p>
      <Button
        appearance="secondary-action"
        data-testid="logout"
        busy={busy}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void logout().finally(() => setBusy(false));
        }}
      >
        Uitloggen
      </Button>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(pathname, main);

  return (
    <PageLayout>
      <SkipLink />
      <PageHeader>
        <div className="koers-brand">
          <Link to="/monitor" className="koers-brand__link">
            <span className="koers-brand__mark" aria-hidden="true" />
            <span className="koers-brand__name">Koers</span>
          </Link>
          <span className="koers-brand__gemeente">Gemeente {session.user.gemeente.name}</span>
        </div>
        <UserMenu />
      </PageHeader>
      <NavBar label="Hoofdmenu" items={AREAS} currentPath={pathname} />
      <PageBody ref={main}>{children}</PageBody>
      <PageFooter>
        <p className="utrecht-paragraph utrecht-paragraph--small">
          Koers – sturen op maatschappelijk resultaat in het sociaal domein. Open source (EUPL-1.2).
        </p>
      </PageFooter>
    </PageLayout>
  );
}

/** A minimal frame for pages without a login (the login page). */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <PageLayout>
      <SkipLink />
      <PageHeader>
        <div className="koers-brand">
          <span className="koers-brand__link">
            <span className="koers-brand__mark" aria-hidden="true" />
            <span className="koers-brand__name">Koers</span>
          </span>
          <span className="koers-brand__gemeente">Sturen op maatschappelijk resultaat</span>
        </div>
      </PageHeader>
      <PageBody>{children}</PageBody>
      <PageFooter>
        <p className="utrecht-paragraph utrecht-paragraph--small">
          Koers – sturen op maatschappelijk resultaat in het sociaal domein. Open source (EUPL-1.2).
        </p>
      </PageFooter>
    </PageLayout>
  );
}

// A tiny client-side router on the History API: enough for a handful of areas and pages.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
}

/** Navigate within the app. `replace` keeps the history stack flat (redirects, filters). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Change one or more query parameters of the current page without a new history entry. */
export function setSearchParams(params: Record<string, string | null>): void {
  const search = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(params)) {
    if (value === null) search.delete(key);
    else search.set(key, value);
  }
  const text = search.toString();
  navigate(window.location.pathname + (text ? `?${text}` : ''), { replace: true });
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentLocation, () => '/');
  const url = new URL(href, 'http://koers.invalid');
  return { pathname: url.pathname, search: url.searchParams };
}

export interface RouteMatch {
  params: Record<string, string>;
}

/**
 * Match a pattern like `/monitor/indicator/:id` against a path. Trailing slashes are ignored.
 */
export function matchPath(pattern: string, pathname: string): RouteMatch | null {
  const clean = (path: string) => path.replace(/\/+$/, '') || '/';
  const patternParts = clean(pattern).split('/');
  const pathParts = clean(pathname).split('/');
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] ?? '';
    const actual = pathParts[i] ?? '';
    if (expected.startsWith(':')) {
      if (!actual) return null;
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return { params };
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  children: ReactNode;
}

/** An ordinary `<a href>` that navigates inside the app without a page load. */
export function Link({ to, onClick, target, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={to}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event) || (target && target !== '_self')) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

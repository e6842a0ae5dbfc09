import { Link } from '../router.js';
import { cx } from './cx.js';

export interface SubNavItem {
  to: string;
  label: string;
  /** Also current on deeper paths (e.g. a detail page under a list). Default: exact match only. */
  prefix?: boolean;
}

/** Navigation inside one area (a `<nav>` with its own name; the current page is marked). */
export function SubNav({ label, items, currentPath }: { label: string; items: SubNavItem[]; currentPath: string }) {
  const path = currentPath.replace(/\/+$/, '') || '/';
  return (
    <nav className="koers-subnav" aria-label={label}>
      <ul className="koers-subnav__list">
        {items.map((item) => {
          const current = path === item.to || (item.prefix === true && path.startsWith(`${item.to}/`));
          return (
            <li key={item.to} className="koers-subnav__item">
              <Link
                to={item.to}
                className={cx('utrecht-link', 'utrecht-link--html-a', 'koers-subnav__link', current && 'koers-subnav__link--current')}
                aria-current={current ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

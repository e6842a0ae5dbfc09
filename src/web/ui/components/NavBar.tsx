import { Link } from '../router.js';
import { cx } from './cx.js';

export interface NavItem {
  to: string;
  label: string;
}

export interface NavBarProps {
  label: string;
  items: NavItem[];
  /** The path of the current page; the item whose path it starts with is marked current. */
  currentPath: string;
}

function isCurrent(itemPath: string, currentPath: string): boolean {
  return currentPath === itemPath || currentPath.startsWith(`${itemPath}/`);
}

/** NL Design System navigation bar (`utrecht-nav-bar` with a `utrecht-nav-list`). */
export function NavBar({ label, items, currentPath }: NavBarProps) {
  return (
    <nav className="utrecht-nav-bar koers-nav-bar" aria-label={label}>
      <div className="utrecht-nav-bar__content koers-nav-bar__content">
        <ul className="utrecht-nav-list koers-nav-list">
          {items.map((item) => {
            const current = isCurrent(item.to, currentPath);
            return (
              <li key={item.to} className="utrecht-nav-list__item">
                <Link
                  to={item.to}
                  className={cx('utrecht-nav-list__link', 'koers-nav-list__link', current && 'koers-nav-list__link--current')}
                  aria-current={current ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

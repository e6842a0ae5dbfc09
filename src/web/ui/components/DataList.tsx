import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './cx.js';

/** NL Design System data list (`utrecht-data-list`): a `<dl>` of key/value pairs. */
export function DataList({ className, children, ...rest }: HTMLAttributes<HTMLDListElement>) {
  return (
    <dl {...rest} className={cx('utrecht-data-list', 'utrecht-data-list--rows', 'koers-data-list', className)}>
      {children}
    </dl>
  );
}

export function DataListItem({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div className="utrecht-data-list__item">
      <dt className="utrecht-data-list__item-key">{term}</dt>
      <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{children}</dd>
    </div>
  );
}

import type { DataStatus } from '../api.js';
import { statusLabel } from '../format.js';
import { cx } from './cx.js';

/** Data status ("voorlopig" / "definitief") as an NL Design System status badge. */
export function StatusBadge({ status }: { status: DataStatus }) {
  return (
    <span className={cx('utrecht-status-badge', 'koers-status', `koers-status--${status}`)}>{statusLabel(status)}</span>
  );
}

import type { ReactNode } from 'react';
import { cx } from './cx.js';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

export interface AlertProps {
  type?: AlertType;
  /** Announce to screen readers as soon as it appears (errors after an action). */
  live?: boolean;
  title?: ReactNode;
  className?: string;
  children?: ReactNode;
  'data-testid'?: string;
}

const ICONS: Record<AlertType, string> = { info: 'i', ok: '✓', warning: '!', error: '!' };

/** NL Design System alert (`utrecht-alert`). */
export function Alert({ type = 'info', live = false, title, className, children, ...rest }: AlertProps) {
  const role = live ? (type === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div role={role} className={cx('utrecht-alert', `utrecht-alert--${type}`, 'koers-alert', className)} data-testid={rest['data-testid']}>
      <div className={cx('utrecht-alert__icon', 'koers-alert__icon', `koers-alert__icon--${type}`)} aria-hidden="true">
        {ICONS[type]}
      </div>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          {title ? <p className="utrecht-paragraph koers-alert__title">{title}</p> : null}
          {children}
        </div>
      </div>
    </div>
  );
}

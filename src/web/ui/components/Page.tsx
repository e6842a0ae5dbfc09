import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import { cx } from './cx.js';

/** The whole page: header, navigation, main content, footer in a column. */
export function PageLayout({ className, children, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...rest} className={cx('utrecht-page-layout', 'koers-page-layout', className)}>
      {children}
    </div>
  );
}

/** The banner landmark (`<header>`) with NL Design System page header styling. */
export function PageHeader({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <header className={cx('utrecht-page-header', 'koers-page-header', className)}>
      <div className="utrecht-page-header__content koers-page-header__content">{children}</div>
    </header>
  );
}

/** The main landmark. It can receive focus so the skip link and route changes can move there. */
export const PageBody = forwardRef<HTMLElement, { className?: string; children: ReactNode }>(function PageBody(
  { className, children },
  ref,
) {
  return (
    <main ref={ref} id="main" tabIndex={-1} className={cx('utrecht-page-body', 'koers-page-body', className)}>
      <div className="utrecht-page-body__content koers-page-body__content">{children}</div>
    </main>
  );
});

/** The contentinfo landmark (`<footer>`). */
export function PageFooter({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <footer className={cx('utrecht-page-footer', 'koers-page-footer', className)}>
      <div className="utrecht-page-footer__content koers-page-footer__content">{children}</div>
    </footer>
  );
}

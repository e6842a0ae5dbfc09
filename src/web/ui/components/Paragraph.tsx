import type { HTMLAttributes } from 'react';
import { cx } from './cx.js';

export interface ParagraphProps extends HTMLAttributes<HTMLParagraphElement> {
  lead?: boolean;
  small?: boolean;
}

/** NL Design System paragraph (`utrecht-paragraph`). */
export function Paragraph({ lead, small, className, children, ...rest }: ParagraphProps) {
  return (
    <p
      {...rest}
      className={cx('utrecht-paragraph', lead && 'utrecht-paragraph--lead', small && 'utrecht-paragraph--small', className)}
    >
      {children}
    </p>
  );
}

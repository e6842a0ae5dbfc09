import { forwardRef, type HTMLAttributes } from 'react';
import { cx } from './cx.js';

export interface HeadingProps extends HTMLAttributes<HTMLHeadingElement> {
  level: 1 | 2 | 3 | 4 | 5 | 6;
}

/** NL Design System heading (`utrecht-heading-N`). */
export const Heading = forwardRef<HTMLHeadingElement, HeadingProps>(function Heading(
  { level, className, children, ...rest },
  ref,
) {
  const Tag = `h${level}` as const;
  return (
    <Tag {...rest} ref={ref} className={cx(`utrecht-heading-${level}`, className)}>
      {children}
    </Tag>
  );
});

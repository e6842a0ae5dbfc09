import type { ButtonHTMLAttributes } from 'react';
import { cx } from './cx.js';

export type ButtonAppearance = 'primary-action' | 'secondary-action' | 'subtle';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  appearance?: ButtonAppearance;
  busy?: boolean;
  pressed?: boolean;
}

/** NL Design System button (`utrecht-button`). */
export function Button({
  appearance = 'secondary-action',
  busy = false,
  pressed,
  type = 'button',
  className,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      aria-busy={busy || undefined}
      aria-pressed={pressed}
      className={cx(
        'utrecht-button',
        `utrecht-button--${appearance}`,
        type === 'submit' && 'utrecht-button--submit',
        busy && 'utrecht-button--busy',
        pressed && 'utrecht-button--pressed',
        rest.disabled && 'utrecht-button--disabled',
        className,
      )}
    >
      {children}
    </button>
  );
}

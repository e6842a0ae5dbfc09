import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { cx } from './cx.js';

export interface FormFieldProps {
  /** The id of the control inside; the label points at it. */
  htmlFor: string;
  label: ReactNode;
  description?: ReactNode;
  descriptionId?: string;
  invalid?: boolean;
  className?: string;
  children: ReactNode;
}

/** NL Design System form field: a real `<label>`, optional description, then the control. */
export function FormField({ htmlFor, label, description, descriptionId, invalid, className, children }: FormFieldProps) {
  return (
    <div className={cx('utrecht-form-field', 'utrecht-form-field--text', invalid && 'utrecht-form-field--invalid', className)}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={htmlFor}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field__description utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export interface TextboxProps extends InputHTMLAttributes<HTMLInputElement> {
  invalid?: boolean;
}

/** NL Design System text box (`utrecht-textbox`). */
export const Textbox = forwardRef<HTMLInputElement, TextboxProps>(function Textbox(
  { invalid, className, type = 'text', ...rest },
  ref,
) {
  return (
    <input
      {...rest}
      ref={ref}
      type={type}
      aria-invalid={invalid || undefined}
      className={cx(
        'utrecht-textbox',
        'utrecht-textbox--html-input',
        type === 'password' && 'utrecht-textbox--password',
        invalid && 'utrecht-textbox--invalid',
        className,
      )}
    />
  );
});

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement>;

/** NL Design System select (`utrecht-select`). */
export function Select({ className, children, ...rest }: SelectProps) {
  return (
    <select {...rest} className={cx('utrecht-select', 'utrecht-select--html-select', className)}>
      {children}
    </select>
  );
}

import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cx } from './cx.js';

export interface TableContainerProps extends HTMLAttributes<HTMLDivElement> {
  /** Name of the scrollable region; it can then get keyboard focus to scroll sideways. */
  label?: string;
}

/** Wraps a table so it scrolls sideways on narrow screens instead of breaking the page. */
export function TableContainer({ label, className, children, ...rest }: TableContainerProps) {
  return (
    <div
      role={label ? 'region' : undefined}
      aria-label={label}
      tabIndex={label ? 0 : undefined}
      {...rest}
      className={cx('utrecht-table-container', 'utrecht-table-container--overflow-inline', 'koers-table-container', className)}
    >
      {children}
    </div>
  );
}

export interface TableProps extends HTMLAttributes<HTMLTableElement> {
  alternateRowColor?: boolean;
}

/** NL Design System table (`utrecht-table`). */
export function Table({ alternateRowColor = true, className, children, ...rest }: TableProps) {
  return (
    <table
      {...rest}
      className={cx('utrecht-table', 'utrecht-table--html-table', alternateRowColor && 'utrecht-table--alternate-row-color', className)}
    >
      {children}
    </table>
  );
}

export function TableCaption({ className, children, ...rest }: HTMLAttributes<HTMLTableCaptionElement>) {
  return (
    <caption {...rest} className={cx('utrecht-table__caption', className)}>
      {children}
    </caption>
  );
}

export function TableHeader({ className, children, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead {...rest} className={cx('utrecht-table__header', className)}>
      {children}
    </thead>
  );
}

export function TableBody({ className, children, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <tbody {...rest} className={cx('utrecht-table__body', className)}>
      {children}
    </tbody>
  );
}

export function TableRow({ className, children, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr {...rest} className={cx('utrecht-table__row', className)}>
      {children}
    </tr>
  );
}

export interface TableHeaderCellProps extends ThHTMLAttributes<HTMLTableCellElement> {
  numeric?: boolean;
  children?: ReactNode;
}

export function TableHeaderCell({ numeric, scope = 'col', className, children, ...rest }: TableHeaderCellProps) {
  return (
    <th
      {...rest}
      scope={scope}
      className={cx('utrecht-table__header-cell', numeric && 'utrecht-table__header-cell--numeric-column', className)}
    >
      {children}
    </th>
  );
}

export interface TableCellProps extends TdHTMLAttributes<HTMLTableCellElement> {
  numeric?: boolean;
}

export function TableCell({ numeric, className, children, ...rest }: TableCellProps) {
  return (
    <td
      {...rest}
      className={cx(
        'utrecht-table__cell',
        numeric && 'utrecht-table__cell--numeric-column',
        numeric && 'utrecht-table__cell--numeric-data',
        className,
      )}
    >
      {children}
    </td>
  );
}

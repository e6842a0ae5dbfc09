import type { ReactNode } from 'react';
import { Heading } from './Heading.js';

export interface EmptyStateProps {
  title: ReactNode;
  children?: ReactNode;
  /** Heading level of the title; 2 when the page already has its own h1. */
  level?: 2 | 3;
}

/** A calm, friendly block for "nothing here (yet)". */
export function EmptyState({ title, children, level = 2 }: EmptyStateProps) {
  return (
    <section className="koers-empty-state">
      <Heading level={level} className="koers-empty-state__title">
        {title}
      </Heading>
      <div className="koers-empty-state__body">{children}</div>
    </section>
  );
}

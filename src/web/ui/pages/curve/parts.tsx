import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { formatDateTime } from '../../format.js';
import { Paragraph } from '../../components/index.js';
import { formatDay, type HistoryItem } from './curve-api.js';

/** Dates in history (YYYY-MM-DD) as "31 maart 2026"; other text as it is. */
const shown = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v) : v);
import './curve.css';

/** NL Design System textarea (`utrecht-textarea`). */
export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }>(function Textarea({ invalid, className, ...rest }, ref) {
  return (
    <textarea
      {...rest}
      ref={ref}
      aria-invalid={invalid || undefined}
      className={['utrecht-textarea', 'utrecht-textarea--html-textarea', invalid ? 'utrecht-textarea--invalid' : '', 'koers-curve-textarea', className ?? ''].filter(Boolean).join(' ')}
    />
  );
});

const CHANGE_LABELS: Record<string, string> = { created: 'aangemaakt', changed: 'aangepast', deleted: 'verwijderd' };

/** "Wie, wanneer, wat is veranderd": one item per change, per field the old and the new text. */
export function HistoryList({ history, testId }: { history: HistoryItem[]; testId: string }) {
  if (history.length === 0) return <Paragraph>Er is nog niets veranderd.</Paragraph>;
  return (
    <ol className="koers-curve-history" data-testid={testId}>
      {history.map((h, i) => (
        <li key={`${h.changedAt}-${i}`} className="koers-curve-history__item">
          <p className="utrecht-paragraph">
            <strong>{h.changedBy}</strong> heeft dit {CHANGE_LABELS[h.change] ?? h.change} op <time dateTime={h.changedAt}>{formatDateTime(h.changedAt)}</time>.
          </p>
          {h.fields.length > 0 ? (
            <dl className="koers-curve-history__fields">
              {h.fields.map((f) => (
                <div key={f.field} className="koers-curve-history__field">
                  <dt>{f.label}</dt>
                  <dd>
                    {h.change === 'created' ? null : (
                      <>
                        <span className="koers-curve-history__label">Was:</span> {f.before === null ? <em>leeg</em> : <del>{shown(f.before)}</del>}
                        <br />
                      </>
                    )}
                    <span className="koers-curve-history__label">{h.change === 'created' ? 'Tekst:' : 'Nu:'}</span> {f.after === null ? <em>leeg</em> : <ins>{shown(f.after)}</ins>}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A share 0–1 as "62 %" ("–" without indicators). */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

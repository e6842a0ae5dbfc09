import { errorMessage, type PeriodType } from '../../api.js';
import { Alert, Heading, Paragraph } from '../../components/index.js';
import { formatDateTime, formatPeriod } from '../../format.js';
import { useAsync } from '../../hooks.js';
import { Link } from '../../router.js';
import { curveApi, curvePath } from './curve-api.js';
import { NoteText } from './NoteEditor.js';

/**
 * "Notities per periode" on the indicator page: the gemeente-wide turn-the-curve notes for the
 * periods the page shows, newest first, each with a link to its turn-the-curve page.
 */
export function IndicatorNotes({ id, periodType, periods }: { id: string; periodType: PeriodType; periods: string[] }) {
  const state = useAsync((signal) => curveApi.notes(id, { periodType, area: null }, signal), [id, periodType]);
  const shown = new Set(periods);
  const notes = (state.data?.notes ?? []).filter((n) => shown.has(n.period));
  const latest = [...periods].sort().at(-1) ?? null;
  return (
    <section className="koers-section" aria-labelledby="notes-title" data-testid="indicator-notes">
      <Heading level={2} id="notes-title">Notities per periode</Heading>
      <Paragraph>Het verhaal achter de curve en wat we eraan doen, per periode (turn the curve).</Paragraph>
      {state.status === 'error' ? <Alert type="error"><Paragraph>{errorMessage(state.error)}</Paragraph></Alert> : null}
      {state.data && notes.length === 0 ? <Paragraph>Er zijn nog geen notities bij deze perioden.</Paragraph> : null}
      {notes.map((n) => (
        <article key={n.noteId} aria-labelledby={`note-${n.noteId}`}>
          <Heading level={3} id={`note-${n.noteId}`}>{formatPeriod(n.period)}</Heading>
          <NoteText note={n} />
          <Paragraph small>
            Door {n.writtenBy}, <time dateTime={n.writtenAt}>{formatDateTime(n.writtenAt)}</time>.{' '}
            <Link to={curvePath(id, { periodType, period: n.period })} className="utrecht-link utrecht-link--html-a">
              Turn the curve voor {formatPeriod(n.period)}
            </Link>
          </Paragraph>
        </article>
      ))}
      {latest ? (
        <Paragraph>
          <Link to={curvePath(id, { periodType, period: latest })} className="utrecht-link utrecht-link--html-a" data-testid="curve-link">
            {state.data?.mayEdit ? `Notitie schrijven of bekijken voor ${formatPeriod(latest)}` : `Turn the curve voor ${formatPeriod(latest)}`}
          </Link>
        </Paragraph>
      ) : null}
    </section>
  );
}

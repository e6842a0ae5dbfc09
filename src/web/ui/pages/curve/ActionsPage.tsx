import { api, errorMessage } from '../../api.js';
import {
  Alert, EmptyState, FormField, Heading, Paragraph, Select, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow,
} from '../../components/index.js';
import { formatPeriod } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import { curveApi, curvePath, formatDay, STATUS_LABELS, type Action, type StaleNote } from './curve-api.js';
import './curve.css';

/** "Te laat: 12 dagen" in words (not only a colour), or nothing. */
export function OverdueText({ action }: { action: Action }) {
  if (!action.overdue) return null;
  return (
    <strong className="koers-curve-overdue">
      Te laat: {action.daysOverdue === 1 ? '1 dag' : `${action.daysOverdue} dagen`} over de streefdatum
    </strong>
  );
}

/** A table of actions: title (link), owner, status, dates, links; overdue ones marked in text. */
export function ActionsTable({ actions, caption, testId }: { actions: Action[]; caption: string; testId: string }) {
  return (
    <TableContainer label={`Tabel: ${caption}`}>
      <Table data-testid={testId}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Actie</TableHeaderCell>
            <TableHeaderCell scope="col">Eigenaar</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Streefdatum</TableHeaderCell>
            <TableHeaderCell scope="col">Gekoppeld aan</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {actions.map((a) => (
            <TableRow key={a.actionId} className={a.overdue ? 'koers-curve-overdue-row' : undefined} data-testid="action-row">
              <TableHeaderCell scope="row">
                <Link to={`/sturen/acties/${a.actionId}`} className="utrecht-link utrecht-link--html-a">{a.title}</Link>
              </TableHeaderCell>
              <TableCell>{a.owner}</TableCell>
              <TableCell>
                {STATUS_LABELS[a.status]}
                {a.doneOn ? ` op ${formatDay(a.doneOn)}` : ''}
              </TableCell>
              <TableCell>
                {a.dueDate ? formatDay(a.dueDate) : 'geen'}
                {a.overdue ? <><br /><OverdueText action={a} /></> : null}
              </TableCell>
              <TableCell>
                {a.links.length === 0 ? 'niets' : (
                  <ul className="koers-curve-links">
                    {a.links.map((l) => <li key={`${l.frameworkId}|${l.nodeId}|${l.indicatorId}`}>{l.label}</li>)}
                  </ul>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Indicators of adopted frameworks whose note is missing or behind the figures. */
export function StaleNotesList({ stale, adoptedFrameworks }: { stale: StaleNote[]; adoptedFrameworks: number }) {
  if (adoptedFrameworks === 0) return <Paragraph>Er is nog geen vastgesteld beleidskader, dus ook geen notities om bij te houden.</Paragraph>;
  if (stale.length === 0) return <Paragraph>Alle cijfers in vastgestelde beleidskaders hebben een notitie bij de nieuwste periode.</Paragraph>;
  return (
    <ul data-testid="stale-notes">
      {stale.map((s) => (
        <li key={s.indicatorId}>
          <Link to={curvePath(s.indicatorId, { periodType: s.periodType, period: s.latestPeriod })} className="utrecht-link utrecht-link--html-a">{s.name}</Link>:{' '}
          {s.state === 'missing'
            ? `er zijn cijfers tot en met ${formatPeriod(s.latestPeriod)}, maar nog geen notitie.`
            : `de nieuwste notitie gaat over ${formatPeriod(s.newestNotePeriod ?? '')}; er zijn nieuwere cijfers (${formatPeriod(s.latestPeriod)}).`}
          {' '}<span className="koers-muted">({s.frameworks.map((f) => f.title).join(', ')})</span>
        </li>
      ))}
    </ul>
  );
}

export function ActionsPage() {
  usePageTitle('Acties');
  const { search } = useLocation();
  const filter = { status: search.get('status') ?? '', owner: search.get('eigenaar') ?? '', indicator: search.get('indicator') ?? '', goal: search.get('doel') ?? '', overdue: search.get('telaat') === 'ja' };
  const [framework, node] = filter.goal ? filter.goal.split('|') : [undefined, undefined];
  const list = useAsync(
    (signal) => curveApi.actions({ status: filter.status || undefined, owner: filter.owner || undefined, indicator: filter.indicator || undefined, framework, node, overdue: filter.overdue }, signal),
    [filter.status, filter.owner, filter.indicator, filter.goal, filter.overdue],
  );
  const indicators = useAsync((signal) => api.indicators(signal), []);
  const goals = useAsync((signal) => curveApi.goals(signal), []);
  const stale = useAsync((signal) => curveApi.staleNotes(signal), []);
  const anyFilter = Boolean(filter.status || filter.owner || filter.indicator || filter.goal || filter.overdue);
  // The export takes the same filters as the list, so the file holds exactly what is shown.
  const exportHref = (format: 'csv' | 'xlsx') => {
    const q = new URLSearchParams({ format });
    if (filter.status) q.set('status', filter.status);
    if (filter.owner) q.set('owner', filter.owner);
    if (filter.indicator) q.set('indicator', filter.indicator);
    if (framework && node) { q.set('framework', framework); q.set('node', node); }
    if (filter.overdue) q.set('overdue', 'true');
    return `/api/actions/export?${q.toString()}`;
  };

  return (
    <div>
      <nav aria-label="Kruimelpad" className="koers-breadcrumb">
        <Link to="/sturen" className="utrecht-link utrecht-link--html-a">Sturen</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">Acties</span>
      </nav>
      <Heading level={1}>Acties</Heading>
      <Paragraph lead>Wie doet wat, en wanneer is het klaar? Acties horen bij een doel uit het beleidskader of bij een cijfer.</Paragraph>
      {list.data?.mayEdit ? (
        <Paragraph>
          <Link to="/sturen/acties/nieuw" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" data-testid="new-action">Nieuwe actie</Link>
        </Paragraph>
      ) : null}

      <form className="koers-curve-filters" aria-label="Filter de acties" onSubmit={(e) => e.preventDefault()}>
        <FormField htmlFor="f-status" label="Status">
          <Select id="f-status" value={filter.status} onChange={(e) => setSearchParams({ status: e.target.value || null })}>
            <option value="">Alle</option>
            {Object.entries(STATUS_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </Select>
        </FormField>
        <FormField htmlFor="f-owner" label="Eigenaar">
          <Select id="f-owner" value={filter.owner} onChange={(e) => setSearchParams({ eigenaar: e.target.value || null })}>
            <option value="">Iedereen</option>
            {(list.data?.owners ?? (filter.owner ? [filter.owner] : [])).map((o) => <option key={o} value={o}>{o}</option>)}
          </Select>
        </FormField>
        <FormField htmlFor="f-indicator" label="Cijfer">
          <Select id="f-indicator" value={filter.indicator} onChange={(e) => setSearchParams({ indicator: e.target.value || null })}>
            <option value="">Alle cijfers</option>
            {(indicators.data?.indicators ?? []).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </Select>
        </FormField>
        <FormField htmlFor="f-goal" label="Doel">
          <Select id="f-goal" value={filter.goal} onChange={(e) => setSearchParams({ doel: e.target.value || null })}>
            <option value="">Alle doelen</option>
            {(goals.data?.goals ?? []).map((g) => <option key={`${g.frameworkId}|${g.nodeId}`} value={`${g.frameworkId}|${g.nodeId}`}>{g.title} ({g.frameworkTitle})</option>)}
          </Select>
        </FormField>
        <div className="utrecht-form-field utrecht-form-field--checkbox">
          <input
            type="checkbox"
            id="f-overdue"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={filter.overdue}
            onChange={(e) => setSearchParams({ telaat: e.target.checked ? 'ja' : null })}
          />{' '}
          <label htmlFor="f-overdue" className="utrecht-form-label utrecht-form-label--checkbox">Alleen acties die te laat zijn</label>
        </div>
      </form>

      {list.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(list.error)}</Paragraph></Alert> : null}
      {list.data ? (
        list.data.actions.length === 0 ? (
          <EmptyState title={anyFilter ? 'Geen acties gevonden' : 'Nog geen acties'}>
            <Paragraph>{anyFilter ? 'Geen enkele actie past bij dit filter. Kies een ander filter.' : 'Er zijn nog geen acties vastgelegd.'}</Paragraph>
          </EmptyState>
        ) : (
          <>
            <p className="utrecht-paragraph" role="status">
              {list.data.actions.length === 1 ? '1 actie' : `${list.data.actions.length} acties`}
              {list.data.actions.some((a) => a.overdue) ? `, waarvan ${list.data.actions.filter((a) => a.overdue).length} te laat` : ''}.
            </p>
            <ActionsTable actions={list.data.actions} caption="Acties, de acties die te laat zijn bovenaan" testId="actions-table" />
            <p className="utrecht-paragraph koers-no-print">
              Deze lijst downloaden:{' '}
              <a className="utrecht-link utrecht-link--html-a" href={exportHref('csv')} download data-testid="actions-export-csv">CSV</a>{' · '}
              <a className="utrecht-link utrecht-link--html-a" href={exportHref('xlsx')} download>Excel (XLSX)</a>
            </p>
          </>
        )
      ) : list.status === 'loading' ? <p className="utrecht-paragraph" role="status">Acties laden…</p> : null}

      <section className="koers-section" aria-labelledby="stale-title">
        <Heading level={2} id="stale-title">Notities die bijgewerkt moeten worden</Heading>
        <Paragraph small>
          Een cijfer uit een vastgesteld beleidskader heeft een verouderde notitie als er cijfers zijn maar nog geen notitie, of als de nieuwste notitie over een eerdere periode gaat dan de nieuwste cijfers.
        </Paragraph>
        {stale.status === 'error' ? <Alert type="error"><Paragraph>{errorMessage(stale.error)}</Paragraph></Alert> : null}
        {stale.data ? <StaleNotesList stale={stale.data.stale} adoptedFrameworks={stale.data.adoptedFrameworks} /> : null}
      </section>
    </div>
  );
}

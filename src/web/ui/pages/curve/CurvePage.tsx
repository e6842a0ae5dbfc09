import { useState } from 'react';
import { api, ApiError, errorMessage, type PeriodType } from '../../api.js';
import {
  Alert, Button, EmptyState, FormField, Heading, Paragraph, Select, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow,
} from '../../components/index.js';
import { formatDateTime, formatNumber, formatPeriod, formatValue, periodTypeLabel, polarityExplanation, SUPPRESSED_MARK, SUPPRESSED_TEXT, unitLabel } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import { CurveChart, curvePeriods, targetOf } from './CurveChart.js';
import { curveApi, formatDay, STATUS_LABELS, type CurveView, type Note } from './curve-api.js';
import { NoteEditor, NoteText } from './NoteEditor.js';
import { HistoryList } from './parts.js';

const PERIOD_TYPES: PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];

function curveSummary(view: CurveView, place: string): string {
  const withValue = view.rows.filter((r) => r.value !== null);
  const first = withValue[0], last = withValue.at(-1);
  if (!first || !last) return `Grafiek van ${view.indicator.name} in ${place}: er zijn geen cijfers om te tonen.`;
  const parts = [`Grafiek van ${view.indicator.name} in ${place}: van ${formatValue(first.value, view.indicator.unit)} in ${formatPeriod(first.period)} naar ${formatValue(last.value, view.indicator.unit)} in ${formatPeriod(last.period)}.`];
  const fc = view.forecast?.points.at(-1);
  if (fc) parts.push(`Als we niets doen: ${formatValue(fc.value, view.indicator.unit)} in ${formatPeriod(fc.period)} (marge ${formatNumber(fc.lower, view.indicator.unit)} tot ${formatNumber(fc.upper, view.indicator.unit)}).`);
  const t = [...view.targets].sort((a, b) => b.year - a.year).find((x) => x.target !== null);
  if (t?.target != null) parts.push(`Streefwaarde ${t.year}: ${formatValue(t.target, view.indicator.unit)}.`);
  parts.push('De cijfers staan ook in de tabel.');
  return parts.join(' ');
}

function CurveTable({ view, caption }: { view: CurveView; caption: string }) {
  const value = new Map(view.rows.map((r) => [r.period, r]));
  const fc = new Map((view.forecast?.points ?? []).map((p) => [p.period, p]));
  const unit = view.indicator.unit;
  return (
    <TableContainer label={`Tabel: ${caption}`}>
      <Table data-testid="curve-table">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Periode</TableHeaderCell>
            <TableHeaderCell scope="col" numeric>Gemeten ({unitLabel(unit)})</TableHeaderCell>
            <TableHeaderCell scope="col" numeric>Als we niets doen</TableHeaderCell>
            <TableHeaderCell scope="col">Marge</TableHeaderCell>
            <TableHeaderCell scope="col" numeric>Streefwaarde</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {curvePeriods(view).reverse().map((p) => {
            const r = value.get(p);
            const f = fc.get(p);
            const t = targetOf(view, p);
            return (
              <TableRow key={p}>
                <TableHeaderCell scope="row">{formatPeriod(p)}{p === view.period ? ' (deze periode)' : ''}</TableHeaderCell>
                <TableCell numeric>
                  {r ? r.value === null ? <span title={SUPPRESSED_TEXT}>{SUPPRESSED_MARK}<span className="koers-visually-hidden"> {SUPPRESSED_TEXT}</span></span> : formatNumber(r.value, unit) : ''}
                </TableCell>
                <TableCell numeric>{f ? formatNumber(f.value, unit) : ''}</TableCell>
                <TableCell>{f ? `${formatNumber(f.lower, unit)} tot ${formatNumber(f.upper, unit)}` : ''}</TableCell>
                <TableCell numeric>{t === null ? '' : formatNumber(t, unit)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function NoteSection({ view, onSaved }: { view: CurveView; onSaved: (note: Note) => void }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [version, setVersion] = useState(0);
  const period = view.period!;
  const history = useAsync((signal) => curveApi.noteHistory(view.indicator.id, { periodType: view.periodType, period, area: view.area }, signal), [view.indicator.id, view.periodType, period, view.area, version]);
  const note = view.note;
  return (
    <section className="koers-section" aria-labelledby="note-title" data-testid="note-section">
      <Heading level={2} id="note-title">
        Notitie voor {formatPeriod(period)}{view.areaName ? ` in ${view.areaName}` : ''}
      </Heading>
      {saved ? (
        <Alert type="ok" live>
          <Paragraph>De notitie is opgeslagen.</Paragraph>
        </Alert>
      ) : null}
      {editing ? (
        <NoteEditor
          indicatorId={view.indicator.id}
          periodType={view.periodType}
          period={period}
          area={view.area}
          note={note}
          onCancel={() => setEditing(false)}
          onSaved={(n) => {
            setEditing(false);
            setSaved(true);
            setVersion((v) => v + 1);
            onSaved(n);
          }}
        />
      ) : (
        <>
          {note ? (
            <>
              <NoteText note={note} />
              <Paragraph small>
                Laatst aangepast door {note.writtenBy} op <time dateTime={note.writtenAt}>{formatDateTime(note.writtenAt)}</time>.
              </Paragraph>
            </>
          ) : (
            <EmptyState title="Nog geen notitie">
              <Paragraph>Voor deze periode is nog niet opgeschreven wat het verhaal achter de curve is en wat we gaan doen.</Paragraph>
            </EmptyState>
          )}
          {view.mayEdit ? (
            <Button appearance="primary-action" onClick={() => { setSaved(false); setEditing(true); }} data-testid="edit-note">
              {note ? 'Notitie aanpassen' : 'Notitie schrijven'}
            </Button>
          ) : null}
        </>
      )}
      <Heading level={3}>Geschiedenis van deze notitie</Heading>
      {history.status === 'error' ? (
        <Alert type="error"><Paragraph>{errorMessage(history.error)}</Paragraph></Alert>
      ) : history.data ? (
        <HistoryList history={history.data.history} testId="note-history" />
      ) : (
        <p className="utrecht-paragraph" role="status">Geschiedenis laden…</p>
      )}
    </section>
  );
}

function ActionsForIndicator({ id, mayEdit }: { id: string; mayEdit: boolean }) {
  const actions = useAsync((signal) => curveApi.actions({ indicator: id }, signal), [id]);
  return (
    <section className="koers-section" aria-labelledby="actions-title" data-testid="curve-actions">
      <Heading level={2} id="actions-title">Acties voor dit cijfer</Heading>
      {actions.status === 'error' ? <Alert type="error"><Paragraph>{errorMessage(actions.error)}</Paragraph></Alert> : null}
      {actions.data && actions.data.actions.length === 0 ? <Paragraph>Er zijn nog geen acties aan dit cijfer gekoppeld.</Paragraph> : null}
      {actions.data && actions.data.actions.length > 0 ? (
        <ul>
          {actions.data.actions.map((a) => (
            <li key={a.actionId}>
              <Link to={`/sturen/acties/${a.actionId}`} className="utrecht-link utrecht-link--html-a">{a.title}</Link> — {a.owner}, {STATUS_LABELS[a.status].toLowerCase()}
              {a.dueDate ? `, streefdatum ${formatDay(a.dueDate)}` : ''}
              {a.overdue ? <strong className="koers-curve-overdue"> — te laat</strong> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayEdit ? (
        <Paragraph>
          <Link to={`/sturen/acties/nieuw?indicator=${encodeURIComponent(id)}`} className="utrecht-link utrecht-link--html-a" data-testid="new-action-link">
            Nieuwe actie voor dit cijfer
          </Link>
        </Paragraph>
      ) : null}
    </section>
  );
}

export function CurvePage({ id }: { id: string }) {
  const { search } = useLocation();
  const wantedType = (PERIOD_TYPES.find((t) => t === search.get('periodType')) ?? 'year') as PeriodType;
  const period = search.get('periode');
  const area = search.get('wijk');
  const [reload, setReload] = useState(0);
  const view = useAsync((signal) => curveApi.curve(id, { periodType: wantedType, period, area }, signal), [id, wantedType, period, area, reload]);
  const v = view.data;
  const hasWijk = v?.indicator.breakdowns.includes('wijk') ?? false;
  const areas = useAsync((signal) => (hasWijk ? api.areas('wijk', signal) : Promise.resolve(null)), [hasWijk]);
  const title = v ? `Turn the curve: ${v.indicator.name}` : view.status === 'error' ? 'Turn the curve: niet gevonden' : 'Turn the curve';
  usePageTitle(title);

  const header = (
    <>
      <nav aria-label="Kruimelpad" className="koers-breadcrumb">
        <Link to="/sturen" className="utrecht-link utrecht-link--html-a">Sturen</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{v?.indicator.name ?? 'Turn the curve'}</span>
      </nav>
      <Heading level={1}>{title}</Heading>
    </>
  );
  if (view.status === 'error') {
    return (
      <div>
        {header}
        <Alert type="error" live><Paragraph>{errorMessage(view.error)}</Paragraph></Alert>
        {view.error instanceof ApiError && view.error.status === 400 ? (
          <Paragraph><Link to={`/sturen/curve/${encodeURIComponent(id)}`} className="utrecht-link utrecht-link--html-a">Toon de laatste periode</Link></Paragraph>
        ) : null}
      </div>
    );
  }
  if (!v) {
    return (
      <div aria-busy="true">
        {header}
        <p className="utrecht-paragraph" role="status">Cijfers laden…</p>
      </div>
    );
  }
  const place = v.areaName ?? 'de hele gemeente';
  const periods = [...v.rows.map((r) => r.period)].reverse();
  const caption = `${v.indicator.name} in ${place}, per ${periodTypeLabel(v.periodType).toLowerCase()}`;
  const wijken = areas.data?.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'nl')) ?? [];

  return (
    <div aria-busy={view.status === 'loading' || undefined}>
      {header}
      <Paragraph lead>
        Hoe gaat het met dit cijfer, wat gebeurt er als we niets doen, en wat gaan we daaraan doen? {polarityExplanation(v.indicator.polarity)}
      </Paragraph>
      <Paragraph>
        <Link to={`/monitor/indicator/${encodeURIComponent(id)}`} className="utrecht-link utrecht-link--html-a">Alle cijfers van deze indicator in de Monitor</Link>
      </Paragraph>

      <form className="koers-curve-filters" aria-label="Kies periode en gebied" onSubmit={(e) => e.preventDefault()}>
        {v.indicator.periodTypes.length > 1 ? (
          <FormField htmlFor="curve-period-type" label="Cijfers per">
            <Select id="curve-period-type" value={v.periodType} onChange={(e) => setSearchParams({ periodType: e.target.value === 'year' ? null : e.target.value, periode: null })}>
              {PERIOD_TYPES.filter((t) => v.indicator.periodTypes.includes(t)).map((t) => <option key={t} value={t}>{periodTypeLabel(t)}</option>)}
            </Select>
          </FormField>
        ) : null}
        {periods.length > 0 ? (
          <FormField htmlFor="curve-period" label="Periode van de notitie">
            <Select id="curve-period" value={v.period ?? ''} onChange={(e) => setSearchParams({ periode: e.target.value })}>
              {periods.map((p) => <option key={p} value={p}>{formatPeriod(p)}</option>)}
            </Select>
          </FormField>
        ) : null}
        {hasWijk ? (
          <FormField htmlFor="curve-area" label="Gebied">
            <Select id="curve-area" value={v.area ?? ''} onChange={(e) => setSearchParams({ wijk: e.target.value || null })}>
              <option value="">Hele gemeente</option>
              {wijken.map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
            </Select>
          </FormField>
        ) : null}
      </form>

      {v.rows.length === 0 || !v.period ? (
        <EmptyState title="Geen gegevens">
          <Paragraph>
            Voor dit cijfer{v.areaName ? ` in ${v.areaName}` : ''} zijn nog geen gegevens. Zonder cijfers is er geen curve om te keren; een notitie schrijven kan pas als er een periode met gegevens is.
          </Paragraph>
        </EmptyState>
      ) : (
        <>
          {v.rows.some((r) => r.suppressed) ? (
            <Alert type="info"><Paragraph>Sommige cijfers zijn te klein om te tonen; u ziet dan een punt (.). Zo beschermen we de privacy van inwoners.</Paragraph></Alert>
          ) : null}
          <section className="koers-section" aria-labelledby="curve-title">
            <Heading level={2} id="curve-title">De curve</Heading>
            <figure className="koers-figure">
              <CurveChart view={v} summary={curveSummary(v, place)} />
              <figcaption className="koers-figure__caption">
                {caption}. De blauwe lijn is gemeten. {v.forecast
                  ? `De paarse streepjeslijn is de verwachting als we niets doen: de ${v.forecast.method} tot en met ${formatPeriod(v.period)} doorgetrokken, met een marge waarin de uitkomst in ${Math.round(v.forecast.level * 100)} van de 100 gevallen valt (paars vlak). Het is een rekensom, geen voorspelling van wat beleid doet.`
                  : 'Voor een verwachting als we niets doen zijn minstens drie perioden met cijfers nodig.'}
                {v.targets.some((t) => t.target !== null) ? ' De oranje streepjeslijn is de streefwaarde.' : ''}
              </figcaption>
            </figure>
            <details className="koers-details">
              <summary className="koers-details__summary">Toon de cijfers van de grafiek als tabel</summary>
              <CurveTable view={v} caption={caption} />
            </details>
          </section>
          <NoteSection key={`${v.periodType}|${v.period}|${v.area ?? ''}`} view={v} onSaved={() => setReload((x) => x + 1)} />
        </>
      )}
      <ActionsForIndicator id={id} mayEdit={v.mayEdit} />
    </div>
  );
}

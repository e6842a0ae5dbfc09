import { useMemo, useState, type FormEvent } from 'react';
import {
  api,
  ApiError,
  errorMessage,
  type AreaCollection,
  type Indicator,
  type IndicatorValue,
  type IndicatorState,
  type IndicatorTarget,
  type IndicatorValues,
  type PeriodType,
} from '../api.js';
import { TrendChart } from '../charts/TrendChart.js';
import { MAP_NO_VALUE_COLOR, WijkMap } from '../charts/WijkMap.js';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  EmptyState,
  FormField,
  Heading,
  Paragraph,
  Select,
  StatusBadge,
  Textbox,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../components/index.js';
import {
  dimensionLabel,
  formatCount,
  formatDateTime,
  formatFactor,
  formatNumber,
  formatPeriod,
  formatValue,
  missingText,
  periodTypeLabel,
  polarityExplanation,
  statusExplanation,
  statusLabel,
  SUPPRESSED_MARK,
  SUPPRESSED_TEXT,
  unitLabel,
} from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { Link, setSearchParams, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { latestComputedAt, latestCompletePeriod, periodsOf, sortByPeriod } from '../values.js';
import { PeerComparison } from './PeerComparison.js';
import { IndicatorNotes } from './curve/IndicatorNotes.js';

/** Period types in the order the toggle shows them. */
const PERIOD_TYPES: PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];

/** The period type from the URL (`?periodType=`), default year, limited to what the indicator has. */
function parsePeriodType(value: string | null, indicator?: Indicator): PeriodType {
  const wanted: PeriodType = PERIOD_TYPES.find((type) => type === value) ?? 'year';
  if (!indicator || indicator.periodTypes.includes(wanted)) return wanted;
  return indicator.periodTypes[0] ?? 'year';
}

function perPeriodText(periodType: PeriodType): string {
  return `per ${periodTypeLabel(periodType).toLowerCase()}`;
}

/** A value cell: the number, or "." with an explanation when suppressed. */
function Suppressible({ text }: { text: string }) {
  if (text !== SUPPRESSED_MARK) return <>{text}</>;
  return (
    <span className="koers-suppressed" title={SUPPRESSED_TEXT}>
      {SUPPRESSED_MARK}
    </span>
  );
}

/** "Als er niets verandert": the server's linear trend with its interval, as a small table. */
function ForecastBlock({ indicator, forecast }: { indicator: Indicator; forecast: IndicatorValues['forecast'] | null }) {
  if (!forecast || !forecast.points.length) return null;
  const pct = Math.round(forecast.level * 100);
  return (
    <div className="koers-forecast" data-testid="forecast">
      <Heading level={3}>Als de trend doorzet</Heading>
      <Paragraph>
        Een rekenkundige voortzetting van de {forecast.method}, met een marge waarin de uitkomst in {pct} van de 100 gevallen valt.
        Het is geen voorspelling van wat beleid doet.
      </Paragraph>
      <Table>
        <TableCaption>Verwachting als er niets verandert ({unitLabel(indicator.unit)})</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Periode</TableHeaderCell>
            <TableHeaderCell scope="col">Verwachting</TableHeaderCell>
            <TableHeaderCell scope="col">Marge</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {forecast.points.map((p) => (
            <TableRow key={p.period}>
              <TableCell>{formatPeriod(p.period)}</TableCell>
              <TableCell>{formatNumber(p.value, indicator.unit)}</TableCell>
              <TableCell>{formatNumber(p.lower, indicator.unit)} tot {formatNumber(p.upper, indicator.unit)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function trendSummary(indicator: Indicator, gemeenteName: string, rows: IndicatorValue[], periodType: PeriodType, targets: TargetPair[] = []): string {
  const withValue = rows.filter((row) => row.value !== null);
  const first = withValue[0];
  const last = withValue[withValue.length - 1];
  const per = perPeriodText(periodType);
  if (!first || !last) return `Lijngrafiek van ${indicator.name} in ${gemeenteName}: er zijn geen cijfers om te tonen.`;
  const provisional = rows.filter((row) => row.status === 'provisional').map((row) => formatPeriod(row.period));
  const parts = [
    `Lijngrafiek van ${indicator.name} in ${gemeenteName}, ${per}, van ${formatPeriod(rows[0]?.period ?? first.period)} tot en met ${formatPeriod(rows[rows.length - 1]?.period ?? last.period)}.`,
    `Van ${formatValue(first.value, indicator.unit)} in ${formatPeriod(first.period)} naar ${formatValue(last.value, indicator.unit)} in ${formatPeriod(last.period)}.`,
  ];
  const lastTarget = [...targets].reverse().find((t) => t.target !== null);
  if (lastTarget?.target != null) parts.push(`Streefwaarde: ${formatValue(lastTarget.target, indicator.unit)}.`);
  const baseline = targets.find((t) => t.baseline !== null);
  if (baseline?.baseline != null) parts.push(`Nulmeting: ${formatValue(baseline.baseline, indicator.unit)}.`);
  if (indicator.band) parts.push(`Goede bandbreedte: ${formatValue(indicator.band[0], indicator.unit)} tot ${formatValue(indicator.band[1], indicator.unit)}.`);
  if (provisional.length > 0) parts.push(`Voorlopig: ${provisional.join(', ')}.`);
  parts.push('De cijfers staan ook in de tabel onder de grafiek.');
  return parts.join(' ');
}

function mapSummary(indicator: Indicator, gemeenteName: string, rows: IndicatorValue[], period: string): string {
  const withValue = rows.filter((row) => row.value !== null).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  const low = withValue[0];
  const high = withValue[withValue.length - 1];
  const hidden = rows.length - withValue.length;
  const parts = [`Kaart van de wijken van ${gemeenteName}: ${indicator.name} in ${formatPeriod(period)}.`];
  if (high && low && high !== low) {
    parts.push(
      `Hoogste waarde in ${high.areaName} (${formatValue(high.value, indicator.unit)}), laagste in ${low.areaName} (${formatValue(low.value, indicator.unit)}).`,
    );
  }
  if (hidden > 0) parts.push(`${hidden === 1 ? '1 wijk is' : `${hidden} wijken zijn`} te klein om te tonen en grijs gekleurd.`);
  parts.push('Alle cijfers staan in de tabel per wijk.');
  return parts.join(' ');
}

function PrivacyNote({ profile }: { profile: string }) {
  return (
    <Alert type="info" className="koers-privacy-note" data-testid="privacy-note">
      <Paragraph>
        <strong>Sommige cijfers zijn te klein om te tonen.</strong> Zo beschermen we de privacy van inwoners.
        {profile === 'none'
          ? ' U ziet als analist de echte aantallen; anderen zien een punt (.).'
          : ' Aantallen zijn afgerond op 5. Is een aantal kleiner dan 10, dan tonen we het niet; u ziet dan een punt (.).'}
      </Paragraph>
    </Alert>
  );
}

/** "Zo rekenen we" with the data status: until when data arrived, when computed, the follow-up window. */
function Definition({ indicator, rows, suppressionProfile, state }: { indicator: Indicator; rows: IndicatorValue[]; suppressionProfile: string; state?: IndicatorState }) {
  const latest = rows[rows.length - 1];
  const computedAt = state?.computedAt ?? latestComputedAt(rows);
  return (
    <section className="koers-definition" aria-labelledby="definition-title" data-testid="definition">
      <Heading level={2} id="definition-title">
        Zo rekenen we
      </Heading>
      <Paragraph>{indicator.description}</Paragraph>
      <DataList>
        <DataListItem term="Teller">{indicator.definition.numerator}</DataListItem>
        <DataListItem term="Noemer">{indicator.definition.denominator}</DataListItem>
        <DataListItem term="Factor">
          teller gedeeld door noemer, keer {formatFactor(indicator.definition.factor)}
        </DataListItem>
        <DataListItem term="Eenheid">{unitLabel(indicator.unit)}</DataListItem>
        <DataListItem term="Richting">
          {polarityExplanation(indicator.polarity)}
          {indicator.band ? ` Goed is tussen ${formatValue(indicator.band[0], indicator.unit)} en ${formatValue(indicator.band[1], indicator.unit)}.` : ''}
        </DataListItem>
        {indicator.periodBoundary ? <DataListItem term="Periode">{indicator.periodBoundary}</DataListItem> : null}
        {indicator.source ? <DataListItem term="Bron">{indicator.source}</DataListItem> : null}
        <DataListItem term="Gegevens tot en met">
          <span data-testid="data-until">
            {state?.dataUntil ? <time dateTime={state.dataUntil}>{formatDate(state.dataUntil)}</time> : 'onbekend'}
          </span>
        </DataListItem>
        {latest ? (
          <DataListItem term="Status gegevens">
            <span className="koers-definition__status">
              {formatPeriod(latest.period)}: <StatusBadge status={latest.status} />
            </span>{' '}
            {statusExplanation(latest.status)}
          </DataListItem>
        ) : null}
        <DataListItem term="Nalooptijd">
          {indicator.followUpDays
            ? `Een periode blijft ${indicator.followUpDays} dagen na het einde voorlopig: zo lang kunnen late berichten of de uitkomst na afloop het cijfer nog veranderen. Daarna is het definitief.`
            : 'Een periode wordt definitief als er geen berichten meer over binnen kunnen komen.'}
        </DataListItem>
        {computedAt ? (
          <DataListItem term="Berekend op">
            <time dateTime={computedAt}>{formatDateTime(computedAt)}</time> (na elke import opnieuw, vanzelf)
          </DataListItem>
        ) : null}
        <DataListItem term="Privacy">
          {suppressionProfile === 'none'
            ? 'U ziet de aantallen zonder afronding (rol analist). Deel ze niet verder.'
            : 'Aantallen afgerond op 5; kleiner dan 10 niet getoond.'}
        </DataListItem>
        <DataListItem term="Versie definitie">
          {indicator.version} <span className="koers-muted">({indicator.id})</span>
        </DataListItem>
      </DataList>
    </section>
  );
}

function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Version history (changes): a new version is a trend break in the chart. */
function Versions({ indicator }: { indicator: Indicator }) {
  const changes = [...(indicator.changes ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="koers-section" aria-labelledby="versions-title" data-testid="versions">
      <Heading level={2} id="versions-title">
        Versies
      </Heading>
      {changes.length === 0 ? (
        <Paragraph>
          Dit is versie {indicator.version}. De definitie is niet veranderd sinds Koers dit cijfer berekent.
        </Paragraph>
      ) : (
        <>
          <Paragraph>
            Verandert de manier van rekenen, dan krijgt het cijfer een nieuwe versie. De grafiek laat die breuk zien met
            een stippellijn &quot;nieuwe definitie&quot;.
          </Paragraph>
          <ul className="koers-versions">
            {changes.map((c) => (
              <li key={c.version}>
                <strong>Versie {c.version}</strong> (<time dateTime={c.date}>{formatDate(c.date)}</time>): {c.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Download links for exactly the rows shown (same periodType, breakdown and period). */
function ExportLinks({ id, label, params }: { id: string; label: string; params: { periodType: PeriodType; by?: string; period?: string } }) {
  return (
    <div className="koers-export koers-no-print" role="group" aria-label={`Download ${label}`}>
      <span className="koers-export__label">Download {label}:</span>{' '}
      <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={api.exportUrl(id, 'csv', params)} download data-testid="export-csv">
        CSV <span className="koers-visually-hidden">({label})</span>
      </a>{' '}
      <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={api.exportUrl(id, 'xlsx', params)} download data-testid="export-xlsx">
        Excel (XLSX) <span className="koers-visually-hidden">({label})</span>
      </a>
    </div>
  );
}

type TargetPair = { target: number | null; baseline: number | null };

/** Per row: the gemeente target and baseline of that period's year. */
function targetsPerRow(rows: IndicatorValue[], targets: IndicatorTarget[]): TargetPair[] {
  const byYear = new Map(targets.filter((t) => t.area === null).map((t) => [t.year, t]));
  return rows.map((row) => {
    const t = byYear.get(Number(row.period.slice(0, 4)));
    return { target: t?.target ?? null, baseline: t?.baseline ?? null };
  });
}

function TrendTable({ indicator, rows, caption, targets }: { indicator: Indicator; rows: IndicatorValue[]; caption: string; targets: TargetPair[] }) {
  const withTarget = targets.some((t) => t.target !== null);
  const withBaseline = targets.some((t) => t.baseline !== null);
  const byPeriod = new Map(rows.map((row, i) => [row.period, targets[i]]));
  return (
    <TableContainer label={`Tabel: ${caption}`}>
      <Table data-testid="trend-table">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Periode</TableHeaderCell>
            <TableHeaderCell numeric>Teller</TableHeaderCell>
            <TableHeaderCell numeric>Noemer</TableHeaderCell>
            <TableHeaderCell numeric>Waarde ({unitLabel(indicator.unit)})</TableHeaderCell>
            {withTarget ? <TableHeaderCell numeric>Streefwaarde</TableHeaderCell> : null}
            {withBaseline ? <TableHeaderCell numeric>Nulmeting</TableHeaderCell> : null}
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...rows].reverse().map((row) => (
            <TableRow key={row.period}>
              <TableHeaderCell scope="row">{formatPeriod(row.period)}</TableHeaderCell>
              <TableCell numeric>
                <Suppressible text={formatCount(row.numerator)} />
              </TableCell>
              <TableCell numeric>
                <Suppressible text={formatCount(row.denominator)} />
              </TableCell>
              <TableCell numeric>
                <Suppressible text={formatNumber(row.value, indicator.unit)} />
              </TableCell>
              {withTarget ? <TableCell numeric>{formatTarget(byPeriod.get(row.period)?.target ?? null, indicator.unit)}</TableCell> : null}
              {withBaseline ? <TableCell numeric>{formatTarget(byPeriod.get(row.period)?.baseline ?? null, indicator.unit)}</TableCell> : null}
              <TableCell>{statusLabel(row.status)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

const formatTarget = (value: number | null, unit: string) => (value === null ? '–' : formatNumber(value, unit));

function BreakdownTable({
  indicator,
  by,
  rows,
  total,
  gemeenteName,
  period,
}: {
  indicator: Indicator;
  by: string;
  rows: IndicatorValue[];
  total: IndicatorValue | undefined;
  gemeenteName: string;
  period: string;
}) {
  const sorted = [...rows].sort((a, b) => a.areaName.localeCompare(b.areaName, 'nl', { numeric: true }));
  const label = dimensionLabel(by);
  return (
    <TableContainer label={`Tabel: ${indicator.name} per ${label.toLowerCase()}`}>
      <Table data-testid={by === 'wijk' ? 'wijk-table' : 'breakdown-table'} data-by={by}>
        <TableCaption>
          {indicator.name} per {label.toLowerCase()}, {formatPeriod(period)}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{label}</TableHeaderCell>
            <TableHeaderCell numeric>Teller</TableHeaderCell>
            <TableHeaderCell numeric>Noemer</TableHeaderCell>
            <TableHeaderCell numeric>Waarde ({unitLabel(indicator.unit)})</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((row) => (
            <TableRow key={`${row.area}|${JSON.stringify(row.breakdown)}`} data-area={row.area}>
              <TableHeaderCell scope="row">
                {by === 'wijk' ? (
                  <Link to={`/wijken/${encodeURIComponent(row.area)}`} className="utrecht-link utrecht-link--html-a" title={`Alle cijfers van ${row.areaName}`}>
                    {row.areaName}
                  </Link>
                ) : (
                  row.areaName || '(onbekend)'
                )}
              </TableHeaderCell>
              <TableCell numeric>
                <Suppressible text={formatCount(row.numerator)} />
              </TableCell>
              <TableCell numeric>
                <Suppressible text={formatCount(row.denominator)} />
              </TableCell>
              <TableCell numeric>
                <Suppressible text={formatNumber(row.value, indicator.unit)} />
              </TableCell>
              <TableCell>{statusLabel(row.status)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        {total ? (
          <tfoot className="utrecht-table__footer koers-table-total">
            <TableRow>
              <TableHeaderCell scope="row">Heel {gemeenteName}</TableHeaderCell>
              <TableCell numeric>
                <Suppressible text={formatCount(total.numerator)} />
              </TableCell>
              <TableCell numeric>
                <Suppressible text={formatCount(total.denominator)} />
              </TableCell>
              <TableCell numeric>
                <Suppressible text={formatNumber(total.value, indicator.unit)} />
              </TableCell>
              <TableCell>{statusLabel(total.status)}</TableCell>
            </TableRow>
          </tfoot>
        ) : null}
      </Table>
    </TableContainer>
  );
}

function PeriodTypeToggle({ available, current }: { available: PeriodType[]; current: PeriodType }) {
  const options = PERIOD_TYPES.filter((type) => available.includes(type));
  if (options.length < 2) return null;
  return (
    <div className="koers-toggle" role="group" aria-labelledby="period-type-label">
      <span id="period-type-label" className="koers-toggle__label">
        Cijfers per
      </span>
      <div className="utrecht-button-group koers-toggle__buttons">
        {options.map((type) => (
          <Button
            key={type}
            appearance={type === current ? 'primary-action' : 'secondary-action'}
            pressed={type === current}
            onClick={() => setSearchParams({ periodType: type === 'year' ? null : type, period: null })}
          >
            {periodTypeLabel(type)}
          </Button>
        ))}
      </div>
    </div>
  );
}

interface BreakdownData {
  values: IndicatorValues;
  areas: AreaCollection | null;
  areasError: string | null;
  /** The period and breakdown these rows are for (the selects may already show the next ones while loading). */
  period: string;
  by: string;
}

// The wijk boundaries rarely change: fetch them once per gemeente per page load, not per period.
const areasCache = new Map<string, Promise<AreaCollection>>();

function loadAreas(gemeenteCode: string, signal: AbortSignal): Promise<AreaCollection> {
  let cached = areasCache.get(gemeenteCode);
  if (!cached) {
    cached = api.areas('wijk').catch((error: unknown) => {
      areasCache.delete(gemeenteCode);
      throw error;
    });
    areasCache.set(gemeenteCode, cached);
  }
  const promise = cached;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
    promise.then(resolve, reject);
  });
}

/** The breakdown from the URL (`?by=`), limited to the indicator's own; wijk first when it has one. */
function parseBy(value: string | null, indicator: Indicator): string | null {
  if (value && indicator.breakdowns.includes(value)) return value;
  if (indicator.breakdowns.includes('wijk')) return 'wijk';
  return indicator.breakdowns[0] ?? null;
}

function BreakdownSection({
  indicator,
  by,
  periodType,
  periods,
  period,
  gemeenteRows,
  gemeenteName,
  gemeenteCode,
  suppressionProfile,
  privacyNoteShown,
}: {
  indicator: Indicator;
  by: string;
  periodType: PeriodType;
  periods: string[];
  period: string;
  gemeenteRows: IndicatorValue[];
  gemeenteName: string;
  gemeenteCode: string;
  suppressionProfile: string;
  /** The privacy note is already shown above the trend. */
  privacyNoteShown: boolean;
}) {
  const state = useAsync<BreakdownData>(
    async (signal) => {
      const [values, areasResult] = await Promise.all([
        api.indicatorValues(indicator.id, { periodType, by, period }, signal),
        by !== 'wijk'
          ? Promise.resolve({ areas: null, error: null })
          : loadAreas(gemeenteCode, signal).then(
              (areas) => ({ areas, error: null }),
              (error: unknown) => {
                if (signal.aborted) throw error;
                return { areas: null, error: errorMessage(error) };
              },
            ),
      ]);
      return { values, areas: areasResult.areas, areasError: areasResult.error, period, by };
    },
    [indicator.id, periodType, period, by, gemeenteCode],
  );

  const data = state.data;
  // While the next period loads, keep showing the previous one (marked busy) instead of a gap.
  const shownPeriod = data?.period ?? period;
  const shownBy = data?.by ?? by;
  const rows = useMemo(
    () => (data ? data.values.rows.filter((row) => row.period === data.period) : []),
    [data],
  );
  const total = gemeenteRows.find((row) => row.period === shownPeriod);
  const rowsSuppressed = rows.some((row) => row.suppressed || row.value === null);
  const label = dimensionLabel(shownBy).toLowerCase();

  return (
    <section className="koers-section" aria-labelledby="breakdown-title" data-testid="breakdown-section">
      <Heading level={2} id="breakdown-title">
        {shownBy === 'wijk' ? 'Verschillen tussen wijken' : `Uitgesplitst naar ${label}`}
      </Heading>
      <div className="koers-controls koers-no-print">
        {indicator.breakdowns.length > 1 ? (
          <FormField htmlFor="breakdown-select" label="Uitsplitsen naar" className="koers-controls__field">
            <Select id="breakdown-select" value={by} onChange={(event) => setSearchParams({ by: event.target.value === 'wijk' ? null : event.target.value })}>
              {indicator.breakdowns.map((dimension) => (
                <option key={dimension} value={dimension}>
                  {dimensionLabel(dimension)}
                </option>
              ))}
            </Select>
          </FormField>
        ) : null}
        <FormField htmlFor="period-select" label="Periode" className="koers-controls__field">
          <Select id="period-select" value={period} onChange={(event) => setSearchParams({ period: event.target.value })}>
            {[...periods].reverse().map((p) => {
              const status = gemeenteRows.find((row) => row.period === p)?.status;
              return (
                <option key={p} value={p}>
                  {formatPeriod(p)}
                  {status === 'provisional' ? ' (voorlopig)' : ''}
                </option>
              );
            })}
          </Select>
        </FormField>
      </div>

      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}
      {state.status === 'loading' && !data ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Cijfers per {dimensionLabel(by).toLowerCase()} laden…
        </p>
      ) : null}

      {data && rows.length === 0 ? (
        <Paragraph>
          Voor {formatPeriod(shownPeriod)} zijn er nog geen cijfers per {label}.
        </Paragraph>
      ) : null}

      {data && rows.length > 0 && rowsSuppressed && !privacyNoteShown ? (
        <PrivacyNote profile={data.values.suppressionProfile} />
      ) : null}

      {data && rows.length > 0 ? (
        <div className={shownBy === 'wijk' ? 'koers-wijk-grid' : 'koers-breakdown'} aria-busy={state.status === 'loading' || undefined}>
          {shownBy === 'wijk' ? (
            <figure className="koers-figure koers-wijk-grid__map">
              {data.areas ? (
                <>
                  <WijkMap
                    mapName={`koers-wijken-${gemeenteCode}`}
                    areas={data.areas}
                    rows={rows}
                    unit={indicator.unit}
                    summary={mapSummary(indicator, gemeenteName, rows, shownPeriod)}
                  />
                  <figcaption className="koers-figure__caption">
                    Kaart: {indicator.name} per wijk, {formatPeriod(shownPeriod)}.
                    Donkerder is een hoger cijfer.{' '}
                    <span className="koers-legend-swatch" style={{ backgroundColor: MAP_NO_VALUE_COLOR }} aria-hidden="true" /> Grijs:{' '}
                    {SUPPRESSED_TEXT} of geen gegevens. Kies een wijk in de tabel voor alle cijfers van die wijk.
                  </figcaption>
                </>
              ) : (
                <Alert type="warning">
                  <Paragraph>De kaart kan nu niet worden getoond. {data.areasError} De cijfers staan in de tabel.</Paragraph>
                </Alert>
              )}
            </figure>
          ) : null}
          <div className="koers-wijk-grid__table">
            <BreakdownTable indicator={indicator} by={shownBy} rows={rows} total={total} gemeenteName={gemeenteName} period={shownPeriod} />
            <Paragraph small className="koers-table-note">
              Een punt (.) betekent: {SUPPRESSED_TEXT}.
              {suppressionProfile === 'none' ? '' : ' Aantallen zijn afgerond op 5.'}
            </Paragraph>
            <ExportLinks id={indicator.id} label={`tabel per ${label}`} params={{ periodType, by: shownBy, period: shownPeriod }} />
          </div>
        </div>
      ) : null}
    </section>
  );
}

interface DraftTarget {
  key: number;
  year: string;
  area: string;
  target: string;
  baseline: string;
  note: string;
}

/** Dutch number input: "12,5" or "12.5"; empty = none. NaN when not a number. */
function parseDutchNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return null;
  const normalised = /,/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

const toDraft = (t: IndicatorTarget, key: number): DraftTarget => ({
  key,
  year: String(t.year),
  area: t.area ?? '',
  target: t.target === null ? '' : String(t.target).replace('.', ','),
  baseline: t.baseline === null ? '' : String(t.baseline).replace('.', ','),
  note: t.note ?? '',
});

/** Streefwaarden en nulmetingen: read-only for everyone, editable for beleid and beheerder. */
function TargetsSection({
  indicator,
  targets,
  mayEdit,
  gemeenteCode,
  onSaved,
}: {
  indicator: Indicator;
  targets: IndicatorTarget[];
  mayEdit: boolean;
  gemeenteCode: string;
  onSaved: (targets: IndicatorTarget[]) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<DraftTarget[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const hasWijk = indicator.breakdowns.includes('wijk');
  const areas = useAsync(
    (signal) => (editing && hasWijk ? loadAreas(gemeenteCode, signal) : Promise.resolve(null)),
    [editing, hasWijk, gemeenteCode],
  );
  const wijken = areas.data?.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'nl')) ?? [];

  const start = () => {
    setDrafts(targets.map((t, i) => toDraft(t, i)));
    setError(null);
    setSaved(false);
    setEditing(true);
  };
  const update = (key: number, patch: Partial<DraftTarget>) => setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const add = () =>
    setDrafts((list) => [...list, { key: Math.max(0, ...list.map((d) => d.key)) + 1, year: String(new Date().getFullYear()), area: '', target: '', baseline: '', note: '' }]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const body = [];
    for (const d of drafts) {
      const year = /^\s*\d{4}\s*$/.test(d.year) ? Number(d.year) : Number.NaN;
      const target = parseDutchNumber(d.target);
      const baseline = parseDutchNumber(d.baseline);
      if (!Number.isInteger(year)) return setError(`"${d.year}" is geen jaar. Vul een jaar in, bijvoorbeeld 2025.`);
      if (Number.isNaN(target) || Number.isNaN(baseline)) return setError(`Vul voor ${d.year} getallen in, bijvoorbeeld 12,5.`);
      body.push({ year, area: d.area || null, target, baseline, note: d.note.trim() || null });
    }
    setBusy(true);
    try {
      const result = await api.saveTargets(indicator.id, body);
      onSaved(result.targets);
      setEditing(false);
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="koers-section" aria-labelledby="targets-title" data-testid="targets">
      <Heading level={2} id="targets-title">
        Streefwaarden en nulmeting
      </Heading>
      {saved ? (
        <Alert type="ok" live>
          <Paragraph>De streefwaarden zijn opgeslagen.</Paragraph>
        </Alert>
      ) : null}
      {!editing ? (
        <>
          {targets.length === 0 ? (
            <Paragraph>Er zijn nog geen streefwaarden of nulmeting vastgelegd.</Paragraph>
          ) : (
            <TableContainer label="Tabel: streefwaarden en nulmeting">
              <Table data-testid="targets-table">
                <TableCaption>Streefwaarden en nulmeting van {indicator.name}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Jaar</TableHeaderCell>
                    <TableHeaderCell>Gebied</TableHeaderCell>
                    <TableHeaderCell numeric>Streefwaarde</TableHeaderCell>
                    <TableHeaderCell numeric>Nulmeting</TableHeaderCell>
                    <TableHeaderCell>Toelichting</TableHeaderCell>
                    <TableHeaderCell>Vastgelegd door</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {targets.map((t) => (
                    <TableRow key={`${t.year}|${t.area ?? ''}`}>
                      <TableHeaderCell scope="row">{t.year}</TableHeaderCell>
                      <TableCell>{t.areaName ?? 'Hele gemeente'}</TableCell>
                      <TableCell numeric>{formatTarget(t.target, indicator.unit)}</TableCell>
                      <TableCell numeric>{formatTarget(t.baseline, indicator.unit)}</TableCell>
                      <TableCell>{t.note ?? ''}</TableCell>
                      <TableCell>
                        {t.setBy}, <time dateTime={t.setAt}>{formatDateTime(t.setAt)}</time>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {mayEdit ? (
            <Button appearance="secondary-action" onClick={start} className="koers-no-print">
              Streefwaarden aanpassen
            </Button>
          ) : null}
        </>
      ) : (
        <form onSubmit={save} noValidate className="koers-target-form" aria-describedby="targets-help">
          <Paragraph id="targets-help" small>
            Per jaar één streefwaarde voor de hele gemeente{hasWijk ? ' en eventueel één per wijk' : ''}. Een nulmeting is
            het startpunt waarmee u vergelijkt. Gebruik een komma voor decimalen ({unitLabel(indicator.unit)}).
          </Paragraph>
          {error ? (
            <Alert type="error" live>
              <Paragraph>{error}</Paragraph>
            </Alert>
          ) : null}
          {drafts.length === 0 ? <Paragraph>Nog geen regels. Voeg een regel toe.</Paragraph> : null}
          {drafts.map((d, i) => (
            <fieldset key={d.key} className="koers-target-row" data-testid="target-row">
              <legend className="koers-target-row__legend">Regel {i + 1}</legend>
              <FormField htmlFor={`t-year-${d.key}`} label="Jaar">
                <Textbox id={`t-year-${d.key}`} inputMode="numeric" value={d.year} size={6} onChange={(e) => update(d.key, { year: e.target.value })} />
              </FormField>
              {hasWijk ? (
                <FormField htmlFor={`t-area-${d.key}`} label="Gebied">
                  <Select id={`t-area-${d.key}`} value={d.area} onChange={(e) => update(d.key, { area: e.target.value })}>
                    <option value="">Hele gemeente</option>
                    {wijken.map((w) => (
                      <option key={w.code} value={w.code}>
                        {w.name}
                      </option>
                    ))}
                    {d.area && !wijken.some((w) => w.code === d.area) ? <option value={d.area}>{d.area}</option> : null}
                  </Select>
                </FormField>
              ) : null}
              <FormField htmlFor={`t-target-${d.key}`} label="Streefwaarde">
                <Textbox id={`t-target-${d.key}`} inputMode="decimal" value={d.target} size={8} onChange={(e) => update(d.key, { target: e.target.value })} />
              </FormField>
              <FormField htmlFor={`t-baseline-${d.key}`} label="Nulmeting">
                <Textbox id={`t-baseline-${d.key}`} inputMode="decimal" value={d.baseline} size={8} onChange={(e) => update(d.key, { baseline: e.target.value })} />
              </FormField>
              <FormField htmlFor={`t-note-${d.key}`} label="Toelichting (niet verplicht)">
                <Textbox id={`t-note-${d.key}`} value={d.note} maxLength={500} onChange={(e) => update(d.key, { note: e.target.value })} />
              </FormField>
              <Button appearance="subtle" onClick={() => setDrafts((list) => list.filter((x) => x.key !== d.key))}>
                Verwijder regel {i + 1}
              </Button>
            </fieldset>
          ))}
          <div className="utrecht-button-group koers-form__actions">
            <Button appearance="secondary-action" onClick={add}>
              Regel toevoegen
            </Button>
            <Button appearance="primary-action" type="submit" busy={busy} disabled={busy}>
              Opslaan
            </Button>
            <Button appearance="subtle" onClick={() => setEditing(false)}>
              Annuleren
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

/** "geen gegevens": which sources feed this indicator; never a 0. */
function NoData({ indicator, state }: { indicator: Indicator; state?: IndicatorState }) {
  if (state?.status === 'no_data') {
    return (
      <EmptyState title="Geen gegevens">
        <Paragraph data-testid="no-data">
          Voor dit cijfer zijn nog geen gegevens ingelezen. {missingText(state.missing, indicator.source)} Dat kan via{' '}
          <Link to="/data" className="utrecht-link utrecht-link--html-a">
            Data
          </Link>
          ; daarna rekent Koers dit cijfer vanzelf uit.
        </Paragraph>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Nog geen gegevens">
      <Paragraph>
        Importeer berichten via{' '}
        <Link to="/data" className="utrecht-link utrecht-link--html-a">
          Data
        </Link>
        . Daarna rekent Koers dit cijfer uit.
      </Paragraph>
    </EmptyState>
  );
}

export function IndicatorPage({ id }: { id: string }) {
  const { session } = useSession();
  const gemeente = session.user.gemeente;
  const { search } = useLocation();
  const requestedPeriodType = parsePeriodType(search.get('periodType'));

  const trend = useAsync(
    (signal) => api.indicatorValues(id, { periodType: requestedPeriodType }, signal),
    [id, requestedPeriodType],
  );
  const targetsState = useAsync((signal) => api.targets(id, signal), [id]);
  const [savedTargets, setSavedTargets] = useState<IndicatorTarget[] | null>(null);
  const targets = useMemo(() => savedTargets ?? targetsState.data?.targets ?? [], [savedTargets, targetsState.data]);
  const values = trend.data;
  const indicator = values?.indicator;
  const periodType = parsePeriodType(search.get('periodType'), indicator);

  usePageTitle(indicator ? indicator.name : trend.status === 'error' ? 'Cijfer niet gevonden' : 'Cijfer');

  const rows = useMemo(() => (values ? sortByPeriod(values.rows) : []), [values]);
  const rowTargets = useMemo(() => targetsPerRow(rows, targets), [rows, targets]);
  const periods = useMemo(() => periodsOf(rows), [rows]);
  const requestedPeriod = search.get('period');
  const period = requestedPeriod && periods.includes(requestedPeriod) ? requestedPeriod : latestCompletePeriod(rows);
  const anySuppressed = rows.some((row) => row.suppressed || row.value === null);
  // Right after switching Jaar/Kwartaal the rows are still those of the other period type.
  const rowsMatchPeriodType = rows.every((row) => row.periodType === periodType);

  const notFound = trend.status === 'error' && trend.error instanceof ApiError && trend.error.status === 404;
  const title = indicator
    ? indicator.name
    : trend.status === 'error'
      ? notFound
        ? 'Cijfer niet gevonden'
        : 'Cijfer kan niet worden getoond'
      : 'Cijfer';

  // The breadcrumb and h1 stay the same elements in every state, so focus placed on the h1
  // after navigation survives the data arriving.
  const header = (
    <>
      <nav aria-label="Kruimelpad" className="koers-breadcrumb">
        <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
          Monitor
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{title}</span>
      </nav>
      <Heading level={1}>{title}</Heading>
    </>
  );

  if (trend.status === 'error') {
    return (
      <div className="koers-indicator">
        {header}
        <Alert type="error" live>
          <Paragraph>{errorMessage(trend.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
            Terug naar de Monitor
          </Link>
        </Paragraph>
      </div>
    );
  }

  if (!values || !indicator) {
    return (
      <div className="koers-indicator" aria-busy="true">
        {header}
        <p className="utrecht-paragraph koers-loading" role="status">
          Cijfers laden…
        </p>
      </div>
    );
  }

  const by = parseBy(search.get('by'), indicator);
  const caption = `${indicator.name} in ${gemeente.name}, ${perPeriodText(periodType)}`;
  const targetsBlock = (
    <TargetsSection
      indicator={indicator}
      targets={targets}
      mayEdit={targetsState.data?.mayEdit ?? false}
      gemeenteCode={gemeente.code}
      onSaved={setSavedTargets}
    />
  );

  return (
    <div className="koers-indicator" aria-busy={trend.status === 'loading' || undefined}>
      {header}
      <Paragraph lead>{indicator.description}</Paragraph>

      <PeriodTypeToggle available={indicator.periodTypes} current={periodType} />

      {rows.length === 0 ? (
        <>
          <div className="koers-indicator__grid">
            <NoData indicator={indicator} state={values.state} />
            <Definition indicator={indicator} rows={rows} suppressionProfile={values.suppressionProfile} state={values.state} />
          </div>
          {targetsBlock}
          <Versions indicator={indicator} />
        </>
      ) : (
        <>
          {anySuppressed ? <PrivacyNote profile={values.suppressionProfile} /> : null}
          <div className="koers-indicator__grid">
            <section className="koers-section koers-indicator__trend" aria-labelledby="trend-title">
              <Heading level={2} id="trend-title">
                Ontwikkeling in {gemeente.name}
              </Heading>
              <figure className="koers-figure">
                <TrendChart
                  rows={rows}
                  unit={indicator.unit}
                  targets={rowTargets}
                  band={indicator.band ?? null}
                  summary={trendSummary(indicator, gemeente.name, rows, periodType, rowTargets)}
                />
                <figcaption className="koers-figure__caption">
                  {caption}. Een stippellijn betekent: voorlopig, het cijfer kan nog veranderen.
                  {rowTargets.some((t) => t.target !== null) ? ' De oranje streepjeslijn is de streefwaarde.' : ''}
                  {rowTargets.some((t) => t.baseline !== null) ? ' De grijze stippellijn is de nulmeting.' : ''}
                  {indicator.band ? ' Het groene vlak is de goede bandbreedte.' : ''}
                </figcaption>
              </figure>
              <details className="koers-details">
                <summary className="koers-details__summary">Toon de cijfers van de grafiek als tabel</summary>
                <TrendTable indicator={indicator} rows={rows} caption={caption} targets={rowTargets} />
              </details>
              <ExportLinks id={indicator.id} label="cijfers van de grafiek" params={{ periodType }} />
              <ForecastBlock indicator={indicator} forecast={values.forecast ?? null} />
            </section>
            <Definition indicator={indicator} rows={rows} suppressionProfile={values.suppressionProfile} state={values.state} />
          </div>

          {by && period && rowsMatchPeriodType ? (
            <BreakdownSection
              indicator={indicator}
              by={by}
              periodType={periodType}
              periods={periods}
              period={period}
              gemeenteRows={rows}
              gemeenteName={gemeente.name}
              gemeenteCode={gemeente.code}
              suppressionProfile={values.suppressionProfile}
              privacyNoteShown={anySuppressed}
            />
          ) : null}
          {targetsBlock}
          {rowsMatchPeriodType ? <IndicatorNotes id={indicator.id} periodType={periodType} periods={periods} /> : null}
          <Versions indicator={indicator} />
        </>
      )}
      <PeerComparison id={indicator.id} />
    </div>
  );
}

import { useMemo } from 'react';
import {
  api,
  ApiError,
  errorMessage,
  type AreaCollection,
  type Indicator,
  type IndicatorValue,
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
  formatCount,
  formatDateTime,
  formatFactor,
  formatNumber,
  formatPeriod,
  formatValue,
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

function trendSummary(indicator: Indicator, gemeenteName: string, rows: IndicatorValue[], periodType: PeriodType): string {
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

function Definition({ indicator, rows, suppressionProfile }: { indicator: Indicator; rows: IndicatorValue[]; suppressionProfile: string }) {
  const latest = rows[rows.length - 1];
  const computedAt = latestComputedAt(rows);
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
        </DataListItem>
        {indicator.periodBoundary ? <DataListItem term="Periode">{indicator.periodBoundary}</DataListItem> : null}
        {indicator.source ? <DataListItem term="Bron">{indicator.source}</DataListItem> : null}
        {latest ? (
          <DataListItem term="Status gegevens">
            <span className="koers-definition__status">
              {formatPeriod(latest.period)}: <StatusBadge status={latest.status} />
            </span>{' '}
            {statusExplanation(latest.status)}
          </DataListItem>
        ) : null}
        {computedAt ? (
          <DataListItem term="Berekend op">
            <time dateTime={computedAt}>{formatDateTime(computedAt)}</time>
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

function TrendTable({ indicator, rows, caption }: { indicator: Indicator; rows: IndicatorValue[]; caption: string }) {
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
              <TableCell>{statusLabel(row.status)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function WijkTable({
  indicator,
  rows,
  total,
  gemeenteName,
  period,
}: {
  indicator: Indicator;
  rows: IndicatorValue[];
  total: IndicatorValue | undefined;
  gemeenteName: string;
  period: string;
}) {
  const sorted = [...rows].sort((a, b) => a.areaName.localeCompare(b.areaName, 'nl'));
  return (
    <TableContainer label={`Tabel: ${indicator.name} per wijk`}>
      <Table data-testid="wijk-table">
        <TableCaption>
          {indicator.name} per wijk, {formatPeriod(period)}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Wijk</TableHeaderCell>
            <TableHeaderCell numeric>Teller</TableHeaderCell>
            <TableHeaderCell numeric>Noemer</TableHeaderCell>
            <TableHeaderCell numeric>Waarde ({unitLabel(indicator.unit)})</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((row) => (
            <TableRow key={row.area} data-area={row.area}>
              <TableHeaderCell scope="row">{row.areaName}</TableHeaderCell>
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

interface WijkData {
  values: IndicatorValues;
  areas: AreaCollection | null;
  areasError: string | null;
  /** The period these rows are for (the select may already show the next one while loading). */
  period: string;
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

function WijkSection({
  indicator,
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
  const state = useAsync<WijkData>(
    async (signal) => {
      const [values, areasResult] = await Promise.all([
        api.indicatorValues(indicator.id, { periodType, by: 'wijk', period }, signal),
        loadAreas(gemeenteCode, signal).then(
          (areas) => ({ areas, error: null }),
          (error: unknown) => {
            if (signal.aborted) throw error;
            return { areas: null, error: errorMessage(error) };
          },
        ),
      ]);
      return { values, areas: areasResult.areas, areasError: areasResult.error, period };
    },
    [indicator.id, periodType, period, gemeenteCode],
  );

  const data = state.data;
  // While the next period loads, keep showing the previous one (marked busy) instead of a gap.
  const shownPeriod = data?.period ?? period;
  const rows = useMemo(
    () => (data ? data.values.rows.filter((row) => row.period === data.period) : []),
    [data],
  );
  const total = gemeenteRows.find((row) => row.period === shownPeriod);
  const rowsSuppressed = rows.some((row) => row.suppressed || row.value === null);

  return (
    <section className="koers-section" aria-labelledby="wijk-title">
      <Heading level={2} id="wijk-title">
        Verschillen tussen wijken
      </Heading>
      <div className="koers-controls">
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
          Cijfers per wijk laden…
        </p>
      ) : null}

      {data && rows.length === 0 ? (
        <Paragraph>Voor {formatPeriod(shownPeriod)} zijn er nog geen cijfers per wijk.</Paragraph>
      ) : null}

      {data && rows.length > 0 && rowsSuppressed && !privacyNoteShown ? (
        <PrivacyNote profile={data.values.suppressionProfile} />
      ) : null}

      {data && rows.length > 0 ? (
        <div className="koers-wijk-grid" aria-busy={state.status === 'loading' || undefined}>
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
                  {SUPPRESSED_TEXT} of geen gegevens.
                </figcaption>
              </>
            ) : (
              <Alert type="warning">
                <Paragraph>De kaart kan nu niet worden getoond. {data.areasError} De cijfers staan in de tabel.</Paragraph>
              </Alert>
            )}
          </figure>
          <div className="koers-wijk-grid__table">
            <WijkTable indicator={indicator} rows={rows} total={total} gemeenteName={gemeenteName} period={shownPeriod} />
            <Paragraph small className="koers-table-note">
              Een punt (.) betekent: {SUPPRESSED_TEXT}.
              {suppressionProfile === 'none' ? '' : ' Aantallen zijn afgerond op 5.'}
            </Paragraph>
          </div>
        </div>
      ) : null}
    </section>
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
  const values = trend.data;
  const indicator = values?.indicator;
  const periodType = parsePeriodType(search.get('periodType'), indicator);

  usePageTitle(indicator ? indicator.name : trend.status === 'error' ? 'Cijfer niet gevonden' : 'Cijfer');

  const rows = useMemo(() => (values ? sortByPeriod(values.rows) : []), [values]);
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

  const hasWijk = indicator.breakdowns.includes('wijk');
  const caption = `${indicator.name} in ${gemeente.name}, ${perPeriodText(periodType)}`;

  return (
    <div className="koers-indicator" aria-busy={trend.status === 'loading' || undefined}>
      {header}
      <Paragraph lead>{indicator.description}</Paragraph>

      <PeriodTypeToggle available={indicator.periodTypes} current={periodType} />

      {rows.length === 0 ? (
        <div className="koers-indicator__grid">
          <EmptyState title="Nog geen gegevens">
            <Paragraph>
              Importeer berichten via{' '}
              <Link to="/data" className="utrecht-link utrecht-link--html-a">
                Data
              </Link>
              . Daarna rekent Koers dit cijfer uit.
            </Paragraph>
          </EmptyState>
          <Definition indicator={indicator} rows={rows} suppressionProfile={values.suppressionProfile} />
        </div>
      ) : (
        <>
          {anySuppressed ? <PrivacyNote profile={values.suppressionProfile} /> : null}
          <div className="koers-indicator__grid">
            <section className="koers-section koers-indicator__trend" aria-labelledby="trend-title">
              <Heading level={2} id="trend-title">
                Ontwikkeling in {gemeente.name}
              </Heading>
              <figure className="koers-figure">
                <TrendChart rows={rows} unit={indicator.unit} summary={trendSummary(indicator, gemeente.name, rows, periodType)} />
                <figcaption className="koers-figure__caption">
                  {caption}. Een stippellijn betekent: voorlopig, het cijfer kan nog veranderen.
                </figcaption>
              </figure>
              <details className="koers-details">
                <summary className="koers-details__summary">Toon de cijfers van de grafiek als tabel</summary>
                <TrendTable indicator={indicator} rows={rows} caption={caption} />
              </details>
            </section>
            <Definition indicator={indicator} rows={rows} suppressionProfile={values.suppressionProfile} />
          </div>

          {hasWijk && period && rowsMatchPeriodType ? (
            <WijkSection
              indicator={indicator}
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
        </>
      )}
    </div>
  );
}

import { api, ApiError, errorMessage, type PeriodType, type WijkProfileItem } from '../api.js';
import { Sparkline } from '../charts/Sparkline.js';
import {
  Alert,
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
  formatPeriod,
  formatValue,
  INDICATOR_GROUPS,
  missingText,
  periodTypeLabel,
  SUPPRESSED_MARK,
  SUPPRESSED_TEXT,
} from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { Link, setSearchParams, useLocation } from '../router.js';

const PERIOD_TYPES: PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];

function Value({ item, which }: { item: WijkProfileItem; which: 'wijk' | 'gemeente' }) {
  const point = item[which];
  if (!point) return <span className="koers-muted">–</span>;
  if (point.value === null) {
    return (
      <span className="koers-suppressed" title={SUPPRESSED_TEXT}>
        {SUPPRESSED_MARK}
      </span>
    );
  }
  return <>{formatValue(point.value, item.indicator.unit)}</>;
}

function comparisonText(item: WijkProfileItem): string {
  const c = item.comparison;
  if (!c) return item.wijk?.value === null ? 'niet te vergelijken (privacy)' : '–';
  if (c.change === 'same') return 'gelijk aan de gemeente';
  const moved = c.change === 'higher' ? 'hoger' : 'lager';
  if (c.direction === 'neutral') return moved;
  return `${moved}, ${c.direction === 'better' ? 'beter' : 'slechter'}`;
}

function ProfileTable({ title, items, wijkName, gemeenteName }: { title: string; items: WijkProfileItem[]; wijkName: string; gemeenteName: string }) {
  return (
    <TableContainer label={`Tabel: ${title}`}>
      <Table className="koers-profile-table">
        <TableCaption>
          {title}: {wijkName} naast heel {gemeenteName}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Cijfer</TableHeaderCell>
            <TableHeaderCell>Periode</TableHeaderCell>
            <TableHeaderCell numeric>{wijkName}</TableHeaderCell>
            <TableHeaderCell numeric>Heel {gemeenteName}</TableHeaderCell>
            <TableHeaderCell>Wijk ten opzichte van gemeente</TableHeaderCell>
            <TableHeaderCell>Verloop in de wijk</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.indicator.id} data-testid={`profile-${item.indicator.id}`}>
              <TableHeaderCell scope="row">
                <Link to={`/monitor/indicator/${encodeURIComponent(item.indicator.id)}`} className="utrecht-link utrecht-link--html-a">
                  {item.indicator.name}
                </Link>
              </TableHeaderCell>
              {item.state.status === 'no_data' ? (
                <TableCell colSpan={6}>
                  <strong>Geen gegevens</strong> — {missingText(item.state.missing, item.indicator.source)}
                </TableCell>
              ) : (
                <>
                  <TableCell>{item.period ? formatPeriod(item.period) : '–'}</TableCell>
                  <TableCell numeric>
                    <Value item={item} which="wijk" />
                  </TableCell>
                  <TableCell numeric>
                    <Value item={item} which="gemeente" />
                  </TableCell>
                  <TableCell>
                    {comparisonText(item)}
                    {item.target?.target != null ? (
                      <>
                        <br />
                        <span className="koers-muted">
                          Streefwaarde{item.target.area ? ' wijk' : ''} {item.target.year}: {formatValue(item.target.target, item.indicator.unit)}
                        </span>
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Sparkline points={item.trend} unit={item.indicator.unit} label={`${item.indicator.name} in ${wijkName}`} width={110} height={30} />
                  </TableCell>
                  <TableCell>{item.wijk ? <StatusBadge status={item.wijk.status} /> : item.gemeente ? <StatusBadge status={item.gemeente.status} /> : null}</TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function WijkProfilePage({ code }: { code: string }) {
  const { search } = useLocation();
  const periodType = PERIOD_TYPES.find((type) => type === search.get('periodType')) ?? 'year';
  const period = search.get('period') ?? undefined;
  const state = useAsync((signal) => api.wijkProfile(code, { periodType, period }, signal), [code, periodType, period]);
  const profile = state.data;
  const notFound = state.status === 'error' && state.error instanceof ApiError && state.error.status === 404;
  const title = profile ? `Wijk ${profile.wijk.name}` : notFound ? 'Wijk niet gevonden' : 'Wijk';
  usePageTitle(title);

  return (
    <div className="koers-wijk-profile">
      <nav aria-label="Kruimelpad" className="koers-breadcrumb">
        <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
          Monitor
        </Link>
        <span aria-hidden="true"> › </span>
        <Link to="/wijken" className="utrecht-link utrecht-link--html-a">
          Wijken
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{title}</span>
      </nav>
      <Heading level={1}>{title}</Heading>

      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}
      {state.status === 'loading' && !profile ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Cijfers laden…
        </p>
      ) : null}

      {profile ? (
        <div aria-busy={state.status === 'loading' || undefined}>
          <Paragraph lead>
            Alle cijfers die Koers per wijk heeft, voor {profile.wijk.name} naast heel {profile.gemeente.name}.
            {profile.suppressionProfile === 'none' ? '' : ` Aantallen zijn afgerond; een punt (.) betekent: ${SUPPRESSED_TEXT}.`}
          </Paragraph>
          <div className="koers-controls koers-no-print">
            <FormField htmlFor="profile-period-type" label="Cijfers per" className="koers-controls__field">
              <Select
                id="profile-period-type"
                value={periodType}
                onChange={(event) => setSearchParams({ periodType: event.target.value === 'year' ? null : event.target.value, period: null })}
              >
                {PERIOD_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {periodTypeLabel(type)}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField htmlFor="profile-period" label="Periode" className="koers-controls__field">
              <Select id="profile-period" value={period ?? ''} onChange={(event) => setSearchParams({ period: event.target.value || null })}>
                <option value="">Laatste periode per cijfer</option>
                {[...profile.periods].reverse().map((p) => (
                  <option key={p} value={p}>
                    {formatPeriod(p)}
                  </option>
                ))}
              </Select>
            </FormField>
          </div>
          {INDICATOR_GROUPS.map((group) => {
            const items = profile.indicators.filter((item) => item.indicator.group === group.id);
            if (items.length === 0) return null;
            return (
              <section key={group.id} className="koers-section" aria-labelledby={`profile-${group.id}`}>
                <Heading level={2} id={`profile-${group.id}`}>
                  {group.title}
                </Heading>
                <ProfileTable title={group.title} items={items} wijkName={profile.wijk.name} gemeenteName={profile.gemeente.name} />
              </section>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

/** The list of wijken, each linking to its profile. */
export function WijkenPage() {
  usePageTitle('Wijken');
  const state = useAsync((signal) => api.areas('wijk', signal), []);
  const wijken = state.data?.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'nl')) ?? [];
  return (
    <>
      <nav aria-label="Kruimelpad" className="koers-breadcrumb">
        <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
          Monitor
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">Wijken</span>
      </nav>
      <Heading level={1}>Wijken</Heading>
      <Paragraph lead>Kies een wijk voor alle cijfers van die wijk naast de hele gemeente.</Paragraph>
      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}
      {state.status === 'loading' && !state.data ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Wijken laden…
        </p>
      ) : null}
      {state.data && wijken.length === 0 ? <Paragraph>Er zijn nog geen wijken ingelezen.</Paragraph> : null}
      <ul className="koers-link-list" data-testid="wijk-list">
        {wijken.map((w) => (
          <li key={w.code}>
            <Link to={`/wijken/${encodeURIComponent(w.code)}`} className="utrecht-link utrecht-link--html-a">
              {w.name}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

import { api, errorMessage, type OverviewItem, type PeriodType } from '../api.js';
import { Sparkline } from '../charts/Sparkline.js';
import { Alert, Button, EmptyState, Heading, Paragraph, StatusBadge } from '../components/index.js';
import {
  directionText,
  formatNumber,
  formatPeriod,
  formatValue,
  INDICATOR_GROUPS,
  missingText,
  periodTypeLabel,
  polarityLabel,
  SUPPRESSED_MARK,
  SUPPRESSED_TEXT,
  unitLabel,
} from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { Link, setSearchParams, useLocation } from '../router.js';
import { useSession } from '../session.js';

const PERIOD_TYPES: PeriodType[] = ['year', 'halfyear', 'quarter', 'month'];

function indicatorLink(item: OverviewItem): string {
  return `/monitor/indicator/${encodeURIComponent(item.indicator.id)}${item.periodType === 'year' ? '' : `?periodType=${item.periodType}`}`;
}

function TargetLine({ item }: { item: OverviewItem }) {
  const { target, targetMet, indicator } = item;
  if (!target || (target.target === null && target.baseline === null)) return null;
  return (
    <p className="koers-tile__target" data-testid="tile-target">
      {target.target !== null ? (
        <>
          Streefwaarde {target.year}: {formatValue(target.target, indicator.unit)}
          {targetMet === true ? ' — gehaald' : targetMet === false ? ' — nog niet gehaald' : ''}
        </>
      ) : null}
      {target.target !== null && target.baseline !== null ? <br /> : null}
      {target.baseline !== null ? <>Nulmeting: {formatValue(target.baseline, indicator.unit)}</> : null}
    </p>
  );
}

function TileCard({ item }: { item: OverviewItem }) {
  const { indicator, latest, previous, state } = item;
  const headingId = `tile-${indicator.id}`;
  const direction = directionText(item.direction, item.change);
  const noData = state.status === 'no_data';
  return (
    <li className={`koers-tile${noData ? ' koers-tile--no-data' : ''}`} data-testid={`tile-${indicator.id}`} data-status={state.status}>
      <article aria-labelledby={headingId} className="koers-tile__inner">
        <Heading level={3} id={headingId} className="koers-tile__title">
          <Link to={indicatorLink(item)} className="utrecht-link utrecht-link--html-a koers-tile__link">
            {indicator.name}
          </Link>
        </Heading>
        {noData ? (
          <Paragraph small className="koers-tile__note koers-tile__no-data">
            <strong>Geen gegevens</strong> — {missingText(state.missing, indicator.source)}
          </Paragraph>
        ) : latest === null ? (
          <Paragraph small className="koers-tile__note">
            {state.status === 'not_computed' ? 'Nog niet berekend.' : 'Nog geen cijfers voor deze periode.'}
          </Paragraph>
        ) : (
          <>
            <p className="koers-tile__value">
              <span className="koers-tile__number">{formatNumber(latest.value, indicator.unit)}</span>{' '}
              {latest.value !== null ? <span className="koers-tile__unit">{unitLabel(indicator.unit)}</span> : null}
            </p>
            {latest.value === null ? (
              <Paragraph small className="koers-tile__note">
                {SUPPRESSED_MARK} = {SUPPRESSED_TEXT}
              </Paragraph>
            ) : null}
            {direction && previous ? (
              <p className={`koers-tile__direction koers-direction koers-direction--${item.direction}`} data-testid="tile-direction">
                <span aria-hidden="true" className="koers-direction__arrow">
                  {direction.arrow}
                </span>{' '}
                {direction.text} dan {formatPeriod(previous.period)} ({formatValue(previous.value, indicator.unit)})
              </p>
            ) : null}
            <TargetLine item={item} />
            <Sparkline points={item.sparkline} unit={indicator.unit} label={indicator.name} />
            <p className="koers-tile__meta">
              <span>{formatPeriod(latest.period)}</span>
              <StatusBadge status={latest.status} />
            </p>
          </>
        )}
        <p className="koers-tile__polarity">{polarityLabel(indicator.polarity)}</p>
      </article>
    </li>
  );
}

/** Tiles under the four groups of results-based accountability, in the catalogue's order. */
function TileGroups({ items, busy }: { items: OverviewItem[]; busy: boolean }) {
  const known = new Set(INDICATOR_GROUPS.map((group) => group.id));
  const groups = [...INDICATOR_GROUPS, { id: 'other', title: 'Overige cijfers', intro: '' }].map((group) => ({
    ...group,
    items: items.filter((item) => (group.id === 'other' ? !known.has(item.indicator.group) : item.indicator.group === group.id)),
  }));
  return (
    <>
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => (
          <section key={group.id} className="koers-section koers-tile-group" aria-labelledby={`group-${group.id}`} data-testid={`group-${group.id}`}>
            <Heading level={2} id={`group-${group.id}`}>
              {group.title}
            </Heading>
            {group.intro ? <Paragraph className="koers-tile-group__intro">{group.intro}</Paragraph> : null}
            <ul className="koers-tiles" aria-label={group.title} aria-busy={busy || undefined}>
              {group.items.map((item) => (
                <TileCard key={item.indicator.id} item={item} />
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}

function PeriodTypeChoice({ current }: { current: PeriodType }) {
  return (
    <div className="koers-toggle koers-no-print" role="group" aria-labelledby="overview-period-type">
      <span id="overview-period-type" className="koers-toggle__label">
        Cijfers per
      </span>
      <div className="utrecht-button-group koers-toggle__buttons">
        {PERIOD_TYPES.map((type) => (
          <Button
            key={type}
            appearance={type === current ? 'primary-action' : 'secondary-action'}
            pressed={type === current}
            onClick={() => setSearchParams({ periodType: type === 'year' ? null : type })}
          >
            {periodTypeLabel(type)}
          </Button>
        ))}
      </div>
    </div>
  );
}

export function MonitorPage() {
  usePageTitle('Monitor');
  const { session } = useSession();
  const { search } = useLocation();
  const periodType = PERIOD_TYPES.find((type) => type === search.get('periodType')) ?? 'year';
  const state = useAsync((signal) => api.overview(periodType, signal), [periodType]);
  const overview = state.data;
  const items = overview?.indicators;
  const anyData = items?.some((item) => item.latest !== null || item.state.status === 'no_data') ?? false;

  return (
    <>
      <Heading level={1}>Monitor</Heading>
      <Paragraph lead>
        De belangrijkste cijfers over het sociaal domein in {session.user.gemeente.name}. Kies een cijfer voor de
        ontwikkeling door de jaren heen en de verschillen tussen wijken, of bekijk{' '}
        <Link to="/wijken" className="utrecht-link utrecht-link--html-a">
          een wijk
        </Link>
        .
      </Paragraph>

      {['beleid', 'analist', 'beheerder'].includes(session.user.role) ? (
        <p className="koers-no-print">
          <Link to="/monitor/eigen/nieuw" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action">
            Eigen indicator maken
          </Link>
        </p>
      ) : null}

      <PeriodTypeChoice current={periodType} />

      {state.status === 'loading' && !items ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Cijfers laden…
        </p>
      ) : null}

      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}

      {items && !anyData ? (
        <EmptyState title="Nog geen gegevens">
          <Paragraph>
            Importeer berichten via{' '}
            <Link to="/data" className="utrecht-link utrecht-link--html-a">
              Data
            </Link>
            . Daarna rekent Koers de cijfers uit en ziet u ze hier.
          </Paragraph>
        </EmptyState>
      ) : null}

      {items && anyData ? (
        <>
          {overview.suppressionProfile !== 'none' ? (
            <Paragraph small className="koers-muted">
              Aantallen zijn afgerond op 5. Een punt (.) betekent: {SUPPRESSED_TEXT}. Een pijl vergelijkt met de
              periode ervoor: beter of slechter hangt af van wat de goede richting is.
            </Paragraph>
          ) : null}
          <TileGroups items={items} busy={state.status === 'loading'} />
        </>
      ) : null}
    </>
  );
}

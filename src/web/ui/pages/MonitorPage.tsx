import { api, errorMessage, type Indicator, type IndicatorValue, type PeriodType } from '../api.js';
import { Alert, EmptyState, Heading, Paragraph, StatusBadge } from '../components/index.js';
import {
  formatNumber,
  formatPeriod,
  INDICATOR_GROUPS,
  polarityLabel,
  SUPPRESSED_MARK,
  SUPPRESSED_TEXT,
  unitLabel,
} from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { latestRow, sortByPeriod } from '../values.js';

interface Tile {
  indicator: Indicator;
  periodType: PeriodType;
  latest: IndicatorValue | null;
  error: string | null;
}

/** Run `task` over `items` with at most `limit` at a time (keeps the server calm with many indicators). */
async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function preferredPeriodType(indicator: Indicator): PeriodType {
  if (indicator.periodTypes.includes('year')) return 'year';
  return indicator.periodTypes[0] ?? 'year';
}

async function loadTiles(signal: AbortSignal): Promise<Tile[]> {
  const { indicators } = await api.indicators(signal);
  return mapLimit(indicators, 6, async (indicator) => {
    const periodType = preferredPeriodType(indicator);
    try {
      const values = await api.indicatorValues(indicator.id, { periodType }, signal);
      return { indicator, periodType, latest: latestRow(sortByPeriod(values.rows)), error: null };
    } catch (error) {
      if (signal.aborted) throw error;
      return { indicator, periodType, latest: null, error: errorMessage(error) };
    }
  });
}

function TileCard({ tile, headingLevel }: { tile: Tile; headingLevel: 2 | 3 }) {
  const { indicator, latest, error } = tile;
  const headingId = `tile-${indicator.id}`;
  return (
    <li className="koers-tile" data-testid={`tile-${indicator.id}`}>
      <article aria-labelledby={headingId} className="koers-tile__inner">
        <Heading level={headingLevel} id={headingId} className="koers-tile__title">
          <Link
            to={`/monitor/indicator/${encodeURIComponent(indicator.id)}${tile.periodType === 'year' ? '' : `?periodType=${tile.periodType}`}`}
            className="utrecht-link utrecht-link--html-a koers-tile__link">
            {indicator.name}
          </Link>
        </Heading>
        {error ? (
          <Paragraph small className="koers-tile__note">
            Dit cijfer kon niet worden geladen. {error}
          </Paragraph>
        ) : latest === null ? (
          <Paragraph small className="koers-tile__note">
            Nog geen gegevens.
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

function TileList({ tiles, label, headingLevel, busy }: { tiles: Tile[]; label: string; headingLevel: 2 | 3; busy: boolean }) {
  return (
    <ul className="koers-tiles" aria-label={label} aria-busy={busy || undefined}>
      {tiles.map((tile) => (
        <TileCard key={tile.indicator.id} tile={tile} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

/** Tiles under the catalogue's group headings when the server sends groups; else one list. */
function TileGroups({ tiles, busy }: { tiles: Tile[]; busy: boolean }) {
  const grouped = tiles.some((tile) => tile.indicator.group);
  if (!grouped) return <TileList tiles={tiles} label="Indicatoren" headingLevel={2} busy={busy} />;
  const known = new Set(INDICATOR_GROUPS.map((group) => group.id));
  const groups = [
    ...INDICATOR_GROUPS,
    { id: 'other', title: 'Overige cijfers', intro: '' },
  ].map((group) => ({
    ...group,
    tiles: tiles.filter((tile) =>
      group.id === 'other' ? !tile.indicator.group || !known.has(tile.indicator.group) : tile.indicator.group === group.id,
    ),
  }));
  return (
    <>
      {groups
        .filter((group) => group.tiles.length > 0)
        .map((group) => (
          <section key={group.id} className="koers-section koers-tile-group" aria-labelledby={`group-${group.id}`}>
            <Heading level={2} id={`group-${group.id}`}>
              {group.title}
            </Heading>
            {group.intro ? <Paragraph className="koers-tile-group__intro">{group.intro}</Paragraph> : null}
            <TileList tiles={group.tiles} label={group.title} headingLevel={3} busy={busy} />
          </section>
        ))}
    </>
  );
}

export function MonitorPage() {
  usePageTitle('Monitor');
  const { session } = useSession();
  const state = useAsync(loadTiles, []);
  const tiles = state.data;
  const hasValues = tiles?.some((tile) => tile.latest !== null) ?? false;

  return (
    <>
      <Heading level={1}>Monitor</Heading>
      <Paragraph lead>
        De belangrijkste cijfers over het sociaal domein in {session.user.gemeente.name}. Kies een cijfer voor de
        ontwikkeling door de jaren heen en de verschillen tussen wijken.
      </Paragraph>

      {state.status === 'loading' && !tiles ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Cijfers laden…
        </p>
      ) : null}

      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}

      {tiles && !hasValues && tiles.every((tile) => tile.error === null) ? (
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

      {tiles && tiles.length > 0 && (hasValues || tiles.some((tile) => tile.error !== null)) ? (
        <TileGroups tiles={tiles} busy={state.status === 'loading'} />
      ) : null}
    </>
  );
}

import { errorMessage } from '../../api.js';
import {
  Alert, EmptyState, FormField, Heading, Paragraph, Select, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow,
} from '../../components/index.js';
import { formatPeriod, formatValue } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import { ActionsTable, StaleNotesList } from './ActionsPage.js';
import { curveApi, curvePath, formatDay, type FrameworkScores } from './curve-api.js';
import { formatShare } from './parts.js';
import './curve.css';

const yes = (b: boolean) => (b ? 'ja' : 'nee');
const DIRECTION: Record<string, string> = { better: 'goede kant op', worse: 'verkeerde kant op', same: 'gelijk gebleven' };
const NOT_JUDGED: Record<string, string> = { no_direction: 'geen goede of slechte richting', too_few_values: 'te weinig cijfers' };
const NOTE_STATE: Record<string, string> = { current: 'ja', missing: 'nee, nog geen notitie', outdated: 'nee, verouderd', no_data: 'nee, geen cijfers' };

function Scores({ scores }: { scores: FrameworkScores }) {
  const e = scores.engagement;
  const p = scores.performance;
  const n = e.currentData.of;
  const part = (label: string, s: typeof e.currentData) => (
    <li>{label}: {s.count} van {s.of} ({formatShare(s.share)})</li>
  );
  return (
    <div className="koers-curve-scores" data-testid="scores">
      <section className="koers-curve-score" aria-labelledby="engagement-title">
        <Heading level={3} id="engagement-title">Betrokkenheid</Heading>
        <p className="koers-curve-score__number" data-testid="engagement-total">{formatShare(e.total)}</p>
        <Paragraph small>Hoe goed houden we de cijfers van dit beleidskader bij? Het gemiddelde van vier onderdelen, over {n === 1 ? '1 cijfer' : `${n} cijfers`}:</Paragraph>
        <ul>
          {part('Actuele cijfers (niet ouder dan een jaar)', e.currentData)}
          {part('Notitie bij de nieuwste periode', e.currentNote)}
          {part('Verwachting mogelijk (minstens drie perioden)', e.forecast)}
          {part('Streefwaarde voor dit jaar', e.target)}
        </ul>
      </section>
      <section className="koers-curve-score" aria-labelledby="performance-title">
        <Heading level={3} id="performance-title">Prestatie</Heading>
        <p className="koers-curve-score__number" data-testid="performance-total">{formatShare(p.share)}</p>
        <Paragraph small>
          Deel van de cijfers met een goede richting dat de goede kant op gaat: de nieuwste periode vergeleken met de periode ervoor.
        </Paragraph>
        <ul>
          <li>{p.better} van {p.judged} de goede kant op</li>
          {p.noDirection > 0 ? <li>{p.noDirection} zonder goede of slechte richting (niet meegeteld)</li> : null}
          {p.tooFewValues > 0 ? <li>{p.tooFewValues} met te weinig cijfers (niet meegeteld)</li> : null}
        </ul>
      </section>
    </div>
  );
}

function IndicatorTable({ scores }: { scores: FrameworkScores }) {
  return (
    <TableContainer label="Tabel: cijfers van het beleidskader">
      <Table data-testid="score-indicators">
        <TableCaption>Per cijfer: actueel, notitie, verwachting, streefwaarde en richting</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Cijfer</TableHeaderCell>
            <TableHeaderCell scope="col">Nieuwste periode</TableHeaderCell>
            <TableHeaderCell scope="col">Actueel</TableHeaderCell>
            <TableHeaderCell scope="col">Notitie</TableHeaderCell>
            <TableHeaderCell scope="col">Verwachting</TableHeaderCell>
            <TableHeaderCell scope="col">Streefwaarde dit jaar</TableHeaderCell>
            <TableHeaderCell scope="col">Richting</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {scores.indicators.map((i) => (
            <TableRow key={i.indicatorId}>
              <TableHeaderCell scope="row">
                <Link to={curvePath(i.indicatorId, { periodType: i.periodType, period: i.latestPeriod })} className="utrecht-link utrecht-link--html-a">{i.name}</Link>
              </TableHeaderCell>
              <TableCell>{i.latestPeriod ? `${formatPeriod(i.latestPeriod)}: ${formatValue(i.latestValue, i.unit)}` : 'geen gegevens'}</TableCell>
              <TableCell>{yes(i.currentData)}</TableCell>
              <TableCell>{NOTE_STATE[i.noteState]}</TableCell>
              <TableCell>{yes(i.forecast)}</TableCell>
              <TableCell>{yes(i.target)}</TableCell>
              <TableCell>{i.direction ? DIRECTION[i.direction] : NOT_JUDGED[i.notJudged ?? ''] ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function SteeringPage() {
  usePageTitle('Sturen');
  const { search } = useLocation();
  const frameworks = useAsync((signal) => curveApi.frameworks(signal), []);
  const list = frameworks.data?.frameworks ?? [];
  const chosen = list.find((f) => f.frameworkId === search.get('kader')) ?? list[0] ?? null;
  const scores = useAsync((signal) => (chosen ? curveApi.scores(chosen.frameworkId, signal) : Promise.resolve(null)), [chosen?.frameworkId]);
  const overdue = useAsync((signal) => curveApi.actions({ overdue: true }, signal), []);
  const stale = useAsync((signal) => curveApi.staleNotes(signal), []);

  return (
    <div>
      <Heading level={1}>Sturen</Heading>
      <Paragraph lead>Hoe staan we ervoor met de doelen uit het beleidskader, en doen we wat we hebben afgesproken?</Paragraph>
      <Paragraph>
        <Link to="/sturen/acties" className="utrecht-link utrecht-link--html-a">Alle acties</Link>
        {' · '}
        <Link to="/sturen/beleidskader" className="utrecht-link utrecht-link--html-a">Beleidskaders</Link>
      </Paragraph>

      <section className="koers-section" aria-labelledby="framework-title">
        <Heading level={2} id="framework-title">Scores per beleidskader</Heading>
        {frameworks.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(frameworks.error)}</Paragraph></Alert> : null}
        {frameworks.data && list.length === 0 ? (
          <EmptyState title="Nog geen beleidskader">
            <Paragraph>Er is nog geen beleidskader{' '}vastgelegd dat u kunt bekijken. Zodra er een is, ziet u hier hoe het ervoor staat.</Paragraph>
          </EmptyState>
        ) : null}
        {list.length > 0 && chosen ? (
          <>
            <form onSubmit={(e) => e.preventDefault()} aria-label="Kies een beleidskader">
              <FormField htmlFor="framework" label="Beleidskader">
                <Select id="framework" value={chosen.frameworkId} onChange={(e) => setSearchParams({ kader: e.target.value })}>
                  {list.map((f) => (
                    <option key={f.frameworkId} value={f.frameworkId}>
                      {f.title} ({f.status === 'vastgesteld' ? `vastgesteld${f.adoptedOn ? ` op ${formatDay(f.adoptedOn)}` : ''}` : 'concept'}, versie {f.version})
                    </option>
                  ))}
                </Select>
              </FormField>
            </form>
            {scores.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(scores.error)}</Paragraph></Alert> : null}
            {scores.data ? (
              scores.data.scores.indicators.length === 0 ? (
                <EmptyState title="Nog geen cijfers in dit beleidskader">
                  <Paragraph>Koppel cijfers aan de doelen van dit beleidskader; daarna ziet u hier de scores.</Paragraph>
                </EmptyState>
              ) : (
                <>
                  <Scores scores={scores.data.scores} />
                  <IndicatorTable scores={scores.data.scores} />
                </>
              )
            ) : scores.status === 'loading' ? <p className="utrecht-paragraph" role="status">Scores laden…</p> : null}
          </>
        ) : null}
      </section>

      <section className="koers-section" aria-labelledby="overdue-title">
        <Heading level={2} id="overdue-title">Acties die te laat zijn</Heading>
        {overdue.status === 'error' ? <Alert type="error"><Paragraph>{errorMessage(overdue.error)}</Paragraph></Alert> : null}
        {overdue.data ? (
          overdue.data.actions.length === 0
            ? <Paragraph>Er zijn geen acties over hun streefdatum.</Paragraph>
            : <ActionsTable actions={overdue.data.actions} caption="Acties over hun streefdatum die nog niet zijn afgerond of gestopt" testId="overdue-actions" />
        ) : null}
      </section>

      <section className="koers-section" aria-labelledby="stale-title">
        <Heading level={2} id="stale-title">Notities die bijgewerkt moeten worden</Heading>
        {stale.status === 'error' ? <Alert type="error"><Paragraph>{errorMessage(stale.error)}</Paragraph></Alert> : null}
        {stale.data ? <StaleNotesList stale={stale.data.stale} adoptedFrameworks={stale.data.adoptedFrameworks} /> : null}
      </section>
    </div>
  );
}

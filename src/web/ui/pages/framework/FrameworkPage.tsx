import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api.js';
import { Alert, Button, EmptyState, FormField, Heading, Paragraph, Select, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow, Textbox } from '../../components/index.js';
import { formatPeriod, formatValue, SUPPRESSED_TEXT } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, navigate, setSearchParams, useLocation } from '../../router.js';
import { frameworkApi, KIND_LABEL, MEASURE_LABEL, VERSION_STATUS_LABEL, type HistoryEntry, type IndicatorStatus, type NodeStatus, type StatusView } from './framework-api.js';
import { formatDate, StatusTag, VersionsTable } from './parts.js';

export function valueText(i: IndicatorStatus): string {
  if (i.suppressed) return SUPPRESSED_TEXT;
  if (i.value === null) return 'geen gegevens';
  return formatValue(i.value, i.unit);
}
export const targetText = (i: IndicatorStatus) => (i.target === null ? 'geen streefwaarde' : formatValue(i.target, i.unit));

/** The indicators of one goal, each with value, target, period and status in words. */
export function IndicatorList({ indicators }: { indicators: IndicatorStatus[] }) {
  if (indicators.length === 0) return null;
  return (
    <ul className="koers-fw-indicators">
      {indicators.map((i) => (
        <li key={i.indicatorId}>
          <Link to={`/monitor/indicator/${encodeURIComponent(i.indicatorId)}`}>{i.name}</Link>{' '}
          <StatusTag status={i.status} label={i.label} />
          <br />
          <span>
            {MEASURE_LABEL[i.measureKind]} · {i.period ? formatPeriod(i.period) : 'geen periode'}: {valueText(i)} · streefwaarde: {targetText(i)}
            {i.dataStatus === 'provisional' ? ' · voorlopig' : ''}
          </span>
          <p className="koers-fw-node__explain">{i.explanation}</p>
        </li>
      ))}
    </ul>
  );
}

function Tree({ view, frameworkId, parentId, query }: { view: StatusView; frameworkId: string; parentId: string | null; query: string }) {
  const nodes = view.nodes.filter((n) => n.parentId === parentId);
  if (nodes.length === 0) return null;
  return (
    <ul className={parentId ? undefined : 'koers-fw-tree'} aria-label={parentId ? undefined : 'Doelenboom'}>
      {nodes.map((n) => (
        <li key={n.nodeId} className="koers-fw-node">
          <div className="koers-fw-node__head">
            <span className="koers-fw-node__kind">{KIND_LABEL[n.kind]}:</span>
            <Link to={`/sturen/beleidskader/${frameworkId}/doel/${n.nodeId}${query}`}>{n.title}</Link>
            <StatusTag status={n.status} label={n.label} />
          </div>
          <p className="koers-fw-node__explain">{n.explanation}</p>
          <IndicatorList indicators={n.indicators} />
          <Tree view={view} frameworkId={frameworkId} parentId={n.nodeId} query={query} />
        </li>
      ))}
    </ul>
  );
}

function pathOf(view: StatusView, n: NodeStatus): string {
  const parts: string[] = [];
  for (let p: NodeStatus | undefined = n; p; p = view.nodes.find((x) => x.nodeId === p!.parentId)) parts.unshift(p.title);
  return parts.join(' › ');
}

function StatusTable({ view }: { view: StatusView }) {
  const rows = view.nodes.flatMap((n) => n.indicators.map((i) => ({ n, i })));
  if (rows.length === 0) return <Paragraph>Er zijn nog geen indicatoren gekoppeld.</Paragraph>;
  return (
    <TableContainer label="Hoe staan we ervoor, als tabel">
      <Table>
        <TableCaption>Alle indicatoren van het beleidskader met hun status{view.year ? ` (${view.year})` : ''}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Doel</TableHeaderCell>
            <TableHeaderCell>Indicator</TableHeaderCell>
            <TableHeaderCell>Periode</TableHeaderCell>
            <TableHeaderCell numeric>Waarde</TableHeaderCell>
            <TableHeaderCell numeric>Streefwaarde</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Uitleg</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(({ n, i }) => (
            <TableRow key={`${n.nodeId}-${i.indicatorId}`}>
              <TableCell>{pathOf(view, n)}</TableCell>
              <TableCell>{i.name}</TableCell>
              <TableCell>{i.period ? formatPeriod(i.period) : '–'}</TableCell>
              <TableCell numeric>{valueText(i)}</TableCell>
              <TableCell numeric>{targetText(i)}</TableCell>
              <TableCell><StatusTag status={i.status} label={i.label} /></TableCell>
              <TableCell>{i.explanation}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

const CHANGE_TEXT: Record<string, string> = { created: 'aangemaakt', changed: 'gewijzigd', deleted: 'verwijderd', adopted: 'vastgesteld', new_version: 'nieuwe versie', withdrawn: 'vervallen' };
const ENTITY_TEXT: Record<string, string> = { framework: 'Beleidskader', framework_version: 'Versie', node: 'Onderdeel' };
function describeEntry(h: HistoryEntry): string {
  const a = (h.after ?? h.before ?? {}) as Record<string, unknown>;
  const what = typeof a.title === 'string' ? ` “${a.title}”` : h.entity === 'framework_version' ? ` ${h.entityId.split('/')[1]}` : '';
  const extra = a.indicators ? ' (indicatoren)' : a.budget ? ' (begroting)' : '';
  return `${ENTITY_TEXT[h.entity] ?? h.entity}${what} ${CHANGE_TEXT[h.change] ?? h.change}${extra}`;
}

function History({ frameworkId }: { frameworkId: string }) {
  const h = useAsync((signal) => frameworkApi.history(frameworkId, signal), [frameworkId]);
  if (h.status === 'error') return <Alert type="error">{errorMessage(h.error)}</Alert>;
  if (!h.data) return <p className="utrecht-paragraph" role="status">Geschiedenis laden…</p>;
  if (h.data.history.length === 0) return <Paragraph>Nog geen wijzigingen.</Paragraph>;
  return (
    <ol className="koers-fw-list">
      {h.data.history.map((x, i) => (
        <li key={i}>{new Date(x.changedAt).toLocaleString('nl-NL')} — {x.changedBy}: {describeEntry(x)}</li>
      ))}
    </ol>
  );
}

function Withdraw({ frameworkId, version, onDone }: { frameworkId: string; version: number; onDone: () => void }) {
  const [on, setOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try { await frameworkApi.withdraw(frameworkId, version, on || null); onDone(); } catch (x) { setError(errorMessage(x)); }
  }
  return (
    <details>
      <summary>Versie {version} intrekken</summary>
      <form onSubmit={submit} noValidate>
        <FormField htmlFor="fw-withdraw-on" label="Geldt tot en met" description="Laat leeg voor vandaag." descriptionId="fw-withdraw-help">
          <Textbox id="fw-withdraw-on" type="date" value={on} onChange={(e) => setOn(e.target.value)} aria-describedby="fw-withdraw-help" />
        </FormField>
        {error ? <Alert type="error" live>{error}</Alert> : null}
        <Button type="submit">Intrekken</Button>
      </form>
    </details>
  );
}

/** /sturen/beleidskader/:id — "Hoe staan we ervoor", the versions and the history. */
export function FrameworkPage({ id }: { id: string }) {
  const { search } = useLocation();
  const version = search.get('versie') ? Number(search.get('versie')) : undefined;
  const year = search.get('jaar') ? Number(search.get('jaar')) : undefined;
  const area = search.get('wijk') ?? undefined;
  const asTable = search.get('weergave') === 'tabel';
  const [reload, setReload] = useState(0);
  const fw = useAsync((signal) => frameworkApi.get(id, signal), [id, reload]);
  const view = useAsync((signal) => frameworkApi.status(id, { version, year, area }, signal), [id, version, year, area, reload]);
  const wijken = useAsync((signal) => api.areas('wijk', signal), []);
  const [error, setError] = useState<string | null>(null);
  const v = view.data;
  usePageTitle(v ? v.framework.title : 'Beleidskader');

  if (fw.status === 'error' || view.status === 'error') {
    return (
      <>
        <Heading level={1}>Beleidskader</Heading>
        <Alert type="error">{errorMessage(fw.error ?? view.error)}</Alert>
        <Paragraph><Link to="/sturen/beleidskader">Terug naar de beleidskaders</Link></Paragraph>
      </>
    );
  }
  if (!v || !fw.data) return <p className="utrecht-paragraph" role="status">Beleidskader laden…</p>;
  const versions = fw.data.versions;
  const concept = versions.find((x) => x.status === 'concept');
  const query = `?versie=${v.framework.version}${year ? `&jaar=${year}` : ''}${area ? `&wijk=${encodeURIComponent(area)}` : ''}`;
  const exportQuery = `version=${v.framework.version}${year ? `&year=${year}` : ''}${area ? `&area=${encodeURIComponent(area)}` : ''}`;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 5 + i);

  async function startNewVersion() {
    setError(null);
    try {
      const r = await frameworkApi.newVersion(id);
      navigate(`/sturen/beleidskader/${id}/versie/${r.version}/bewerken`);
    } catch (x) { setError(errorMessage(x)); }
  }

  return (
    <>
      <Paragraph><Link to="/sturen/beleidskader">Beleidskaders</Link></Paragraph>
      <Heading level={1}>{v.framework.title}</Heading>
      <Paragraph lead>
        Versie {v.framework.version}: {VERSION_STATUS_LABEL[v.framework.status].toLowerCase()}
        {v.framework.adoptedOn ? `, vastgesteld door de gemeenteraad op ${formatDate(v.framework.adoptedOn)}` : ''}
        {v.framework.decisionRef ? ` (${v.framework.decisionRef})` : ''}.
      </Paragraph>
      {v.mayEdit ? (
        <div className="koers-fw-toolbar">
          {concept ? (
            <Link className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" to={`/sturen/beleidskader/${id}/versie/${concept.version}/bewerken`}>Concept versie {concept.version} bewerken</Link>
          ) : (
            <Button appearance="primary-action" onClick={() => void startNewVersion()}>Nieuwe versie maken</Button>
          )}
        </div>
      ) : null}
      {error ? <Alert type="error" live>{error}</Alert> : null}

      {v.framework.vision || v.framework.mission || v.framework.principles.length > 0 ? (
        <section aria-labelledby="fw-vision">
          <Heading level={2} id="fw-vision">Visie en missie</Heading>
          {v.framework.vision ? <Paragraph>{v.framework.vision}</Paragraph> : null}
          {v.framework.mission ? <Paragraph>{v.framework.mission}</Paragraph> : null}
          {v.framework.principles.length > 0 ? (
            <>
              <Heading level={3}>Leidende principes</Heading>
              <ul className="koers-fw-list">{v.framework.principles.map((p) => <li key={p}>{p}</li>)}</ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="koers-fw-section" aria-labelledby="fw-status">
        <Heading level={2} id="fw-status">Hoe staan we ervoor?</Heading>
        <div className="koers-fw-toolbar">
          {versions.length > 1 ? (
            <FormField htmlFor="fw-version" label="Versie">
              <Select id="fw-version" value={String(v.framework.version)} onChange={(e) => setSearchParams({ versie: e.target.value })}>
                {versions.map((x) => <option key={x.version} value={x.version}>Versie {x.version} ({VERSION_STATUS_LABEL[x.status].toLowerCase()})</option>)}
              </Select>
            </FormField>
          ) : null}
          <FormField htmlFor="fw-year" label="Jaar">
            <Select id="fw-year" value={year ? String(year) : ''} onChange={(e) => setSearchParams({ jaar: e.target.value || null })}>
              <option value="">Laatste jaar met cijfers{v.year && !year ? ` (${v.year})` : ''}</option>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </Select>
          </FormField>
          <FormField htmlFor="fw-area" label="Gebied">
            <Select id="fw-area" value={area ?? ''} onChange={(e) => setSearchParams({ wijk: e.target.value || null })} data-testid="fw-area">
              <option value="">Hele gemeente</option>
              {(wijken.data?.features ?? []).map((f) => <option key={f.properties.code} value={f.properties.code}>Wijk {f.properties.name}</option>)}
            </Select>
          </FormField>
          <div role="group" aria-label="Weergave">
            <Button pressed={!asTable} onClick={() => setSearchParams({ weergave: null })}>Als boom</Button>{' '}
            <Button pressed={asTable} onClick={() => setSearchParams({ weergave: 'tabel' })}>Als tabel</Button>
          </div>
        </div>
        <p className="utrecht-paragraph" data-testid="fw-overall">
          {v.area ? `Wijk ${v.area.name}` : 'Het hele beleidskader'}: <StatusTag status={v.status} label={v.label} /> {v.explanation}
        </p>
        {v.area ? <Paragraph small>Per wijk: het cijfer van de wijk tegen de streefwaarde van de wijk, of anders die van de hele gemeente. Cijfers die er niet per wijk zijn, staan op &ldquo;geen gegevens&rdquo;.</Paragraph> : null}
        {v.suppressionProfile === 'default' ? <Paragraph small>Kleine aantallen zijn afgeschermd voor privacy. Een afgeschermd cijfer telt als “geen gegevens”.</Paragraph> : null}
        {v.nodes.length === 0 ? (
          <EmptyState title="Dit beleidskader heeft nog geen doelen" level={3}>
            <Paragraph>{v.mayEdit ? 'Voeg thema’s, effecten en doelen toe in het concept.' : 'Er zijn nog geen doelen vastgelegd.'}</Paragraph>
          </EmptyState>
        ) : asTable ? <StatusTable view={v} /> : <Tree view={v} frameworkId={id} parentId={null} query={query} />}
        {v.nodes.length > 0 ? (
          <p className="utrecht-paragraph koers-no-print">
            De stand als tabel downloaden:{' '}
            <a className="utrecht-link utrecht-link--html-a" href={`/api/frameworks/${id}/status/export?format=csv&${exportQuery}`} download data-testid="status-export-csv">CSV</a>{' · '}
            <a className="utrecht-link utrecht-link--html-a" href={`/api/frameworks/${id}/status/export?format=xlsx&${exportQuery}`} download>Excel (XLSX)</a>
          </p>
        ) : null}
      </section>

      <section className="koers-fw-section" aria-labelledby="fw-versions">
        <Heading level={2} id="fw-versions">Versies</Heading>
        <VersionsTable
          versions={versions}
          caption="Versies van dit beleidskader, met de periode waarin ze golden"
          actions={(x) => <Link to={`/sturen/beleidskader/${id}?versie=${x.version}`} aria-label={`Versie ${x.version} bekijken`}>Bekijken</Link>}
        />
        {v.mayEdit && versions.some((x) => x.status === 'vastgesteld') ? (
          <Withdraw frameworkId={id} version={versions.find((x) => x.status === 'vastgesteld')!.version} onDone={() => setReload((r) => r + 1)} />
        ) : null}
      </section>

      <section className="koers-fw-section" aria-labelledby="fw-history">
        <Heading level={2} id="fw-history">Geschiedenis</Heading>
        <History key={reload} frameworkId={id} />
      </section>
    </>
  );
}

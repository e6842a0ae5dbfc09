import { errorMessage } from '../../api.js';
import { Alert, Heading, Paragraph, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow } from '../../components/index.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, useLocation } from '../../router.js';
import { frameworkApi, KIND_LABEL, type NodeStatus, type StatusView } from './framework-api.js';
import { IndicatorList } from './FrameworkPage.js';
import { formatDate, formatEuro, StatusTag } from './parts.js';

const ACTION_STATUS: Record<string, string> = { gepland: 'gepland', bezig: 'bezig', afgerond: 'afgerond', gestopt: 'gestopt' };

function subtree(view: StatusView, root: NodeStatus): NodeStatus[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...view.nodes.filter((n) => n.parentId === out[i]!.nodeId));
  return out;
}

/**
 * One goal on one page: wat willen we bereiken (effects/doelen with their indicators), wat gaan we
 * daarvoor doen (programma's and the actions linked to them), wat mag het kosten (budget per taakveld).
 */
export function GoalPage({ id, nodeId }: { id: string; nodeId: string }) {
  const { search } = useLocation();
  const version = search.get('versie') ? Number(search.get('versie')) : undefined;
  const year = search.get('jaar') ? Number(search.get('jaar')) : undefined;
  const area = search.get('wijk') ?? undefined;
  const view = useAsync((signal) => frameworkApi.status(id, { version, year, area }, signal), [id, version, year, area]);
  const v = view.data;
  const node = v?.nodes.find((n) => n.nodeId === nodeId);
  usePageTitle(node ? node.title : 'Doel');
  const back = `/sturen/beleidskader/${id}${version ? `?versie=${version}` : ''}`;

  if (view.status === 'error') return (<><Heading level={1}>Doel</Heading><Alert type="error">{errorMessage(view.error)}</Alert></>);
  if (!v) return <p className="utrecht-paragraph" role="status">Doel laden…</p>;
  if (!node) {
    return (
      <>
        <Heading level={1}>Doel niet gevonden</Heading>
        <Paragraph>Dit doel staat niet (meer) in deze versie van het beleidskader. <Link to={back}>Terug naar het beleidskader</Link></Paragraph>
      </>
    );
  }
  const all = subtree(v, node);
  const goals = all.filter((n) => n.kind !== 'programma');
  const programmes = all.filter((n) => n.kind === 'programma');
  const actions = all.flatMap((n) => n.actions.map((a) => ({ ...a, goal: n.title })));
  const budget = [...new Map(all.flatMap((n) => n.budget).map((b) => [b.taakveld, b])).values()].sort((a, b) => a.taakveld.localeCompare(b.taakveld));
  const trail: NodeStatus[] = [];
  for (let p = v.nodes.find((n) => n.nodeId === node.parentId); p; p = v.nodes.find((n) => n.nodeId === p!.parentId)) trail.unshift(p);

  return (
    <>
      <nav aria-label="Kruimelpad">
        <Paragraph>
          <Link to={back}>{v.framework.title}</Link>
          {trail.map((p) => <span key={p.nodeId}> › <Link to={`/sturen/beleidskader/${id}/doel/${p.nodeId}${version ? `?versie=${version}` : ''}`}>{p.title}</Link></span>)}
        </Paragraph>
      </nav>
      <Heading level={1}>{node.title}</Heading>
      <p className="utrecht-paragraph">
        {KIND_LABEL[node.kind]} · <StatusTag status={node.status} label={node.label} /> {node.explanation}
      </p>
      {node.description ? <Paragraph>{node.description}</Paragraph> : null}

      <section className="koers-fw-section" aria-labelledby="goal-what">
        <Heading level={2} id="goal-what">Wat willen we bereiken?</Heading>
        {goals.every((g) => g.indicators.length === 0) ? <Paragraph>Er zijn nog geen indicatoren gekoppeld aan dit doel.</Paragraph> : null}
        {goals.map((g) => (g.indicators.length > 0 || g !== node ? (
          <div key={g.nodeId}>
            {g !== node ? <Heading level={3}>{KIND_LABEL[g.kind]}: {g.title} <StatusTag status={g.status} label={g.label} /></Heading> : null}
            <IndicatorList indicators={g.indicators} />
          </div>
        ) : null))}
      </section>

      <section className="koers-fw-section" aria-labelledby="goal-do">
        <Heading level={2} id="goal-do">Wat gaan we daarvoor doen?</Heading>
        {programmes.length === 0 ? <Paragraph>Er zijn nog geen programma’s aan dit doel gekoppeld.</Paragraph> : (
          programmes.map((p) => (
            <div key={p.nodeId}>
              <Heading level={3}>{p.title} <StatusTag status={p.status} label={p.label} /></Heading>
              {p.description ? <Paragraph>{p.description}</Paragraph> : null}
              <IndicatorList indicators={p.indicators} />
            </div>
          ))
        )}
        {/* Actions are written by the turn-the-curve/actions module; this page only lists the ones linked to these goals. */}
        <div data-slot="acties">
          <Heading level={3}>Acties</Heading>
          {actions.length === 0 ? <Paragraph>Er zijn nog geen acties aan dit doel gekoppeld.</Paragraph> : (
            <ul className="koers-fw-list">
              {actions.map((a) => (
                <li key={`${a.actionId}-${a.goal}`}><Link to={`/sturen/acties/${a.actionId}`}>{a.title}</Link> — {a.owner}, {ACTION_STATUS[a.status] ?? a.status}{a.dueDate ? `, klaar op ${formatDate(a.dueDate)}` : ''} ({a.goal})</li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section className="koers-fw-section" aria-labelledby="goal-cost">
        <Heading level={2} id="goal-cost">Wat mag het kosten?</Heading>
        {budget.length === 0 ? <Paragraph>Er zijn nog geen begrotingsregels (taakvelden) aan dit doel gekoppeld.</Paragraph> : (
          <TableContainer label="Begroting en realisatie">
            <Table>
              <TableCaption>Begroting en realisatie per taakveld in {v.year ?? 'dit jaar'}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Taakveld</TableHeaderCell>
                  <TableHeaderCell numeric>Begroting</TableHeaderCell>
                  <TableHeaderCell numeric>Realisatie</TableHeaderCell>
                  <TableHeaderCell numeric>Verplichtingen</TableHeaderCell>
                  <TableHeaderCell numeric>Besteed</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {budget.map((b) => (
                  <TableRow key={b.taakveld}>
                    <TableCell>{b.taakveld}</TableCell>
                    <TableCell numeric>{formatEuro(b.begroting)}</TableCell>
                    <TableCell numeric>{formatEuro(b.realisatie)}</TableCell>
                    <TableCell numeric>{formatEuro(b.verplichting)}</TableCell>
                    <TableCell numeric>{b.begroting && b.realisatie !== null ? `${Math.round(((b.realisatie + (b.verplichting ?? 0)) / b.begroting) * 100)}%` : '–'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        {budget.length > 0 ? <Paragraph small>Een taakveld kan bij meer doelen horen; het bedrag is dan het hele taakveld.</Paragraph> : null}
      </section>
    </>
  );
}

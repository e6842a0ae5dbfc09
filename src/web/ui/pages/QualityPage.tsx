import { useState } from 'react';
import { apiRequest, errorMessage } from '../api.js';
import { Alert, Button, EmptyState, FormField, Heading, Paragraph, Select, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow } from '../components/index.js';
import { formatCount, formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

interface Summary {
  rules: { id: string; label: string; description: string; open: number; total: number }[];
  aanbieders: { agb: string; name: string; messages: number; startsOnTimePct: number | null; stopsOnTimePct: number | null; open: number }[];
  months: { month: string; messages: number; startsOnTimePct: number | null; stopsOnTimePct: number | null; newFindings: number }[];
  rejectedFiles: { source: string; open: number; total: number }[];
}
interface Finding { id: string; rule: string; agb: string | null; law: string | null; refDate: string | null; detail: Record<string, unknown>; status: 'open' | 'resolved' | 'ignored' }

const STATUS_LABEL: Record<Finding['status'], string> = { open: 'Open', resolved: 'Opgelost', ignored: 'Genegeerd' };
const EDITORS = new Set(['beheerder', 'analist', 'contractmanager']);
const PAGE = 25;
const pct = (v: number | null) => (v === null ? '–' : `${formatNumber(v, '%')}%`);
const DETAIL_LABELS: Record<string, string> = { toewijzingNummer: 'toewijzing', begindatum: 'begin', einddatum: 'einde', ingangsdatum: 'ingang', ontvangen: 'ontvangen', werkdagen: 'werkdagen', categorie: 'categorie', code: 'code', veld: 'veld', van: 'vanaf', tot: 'tot', referentie: 'referentie', andereAanbieder: 'andere aanbieder', bericht: 'bericht', productcode: 'productcode', reden: 'reden' };

function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail).map(([k, v]) => `${DETAIL_LABELS[k] ?? k}: ${String(v)}`).join(', ');
}

/** Data quality per source and aanbieder over time, with the follow-up list of findings. */
export function QualityPage() {
  usePageTitle('Datakwaliteit');
  const { session } = useSession();
  const canEdit = EDITORS.has(session.user.role);
  const summary = useAsync((signal) => apiRequest<Summary>('/api/quality/summary', { signal }), []);
  const [filter, setFilter] = useState({ rule: '', agb: '', status: 'open', offset: 0 });
  const [version, setVersion] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const findings = useAsync((signal) => {
    const q = new URLSearchParams({ limit: String(PAGE), offset: String(filter.offset) });
    if (filter.rule) q.set('rule', filter.rule);
    if (filter.agb) q.set('agb', filter.agb);
    if (filter.status) q.set('status', filter.status);
    return apiRequest<{ total: number; rows: Finding[] }>(`/api/quality/findings?${q}`, { signal });
  }, [filter, version]);

  const setStatus = async (f: Finding, status: Finding['status']) => {
    setActionError(null);
    try {
      await apiRequest<void>(`/api/quality/findings/${f.id}/status`, { method: 'POST', body: { status } });
      setVersion((v) => v + 1);
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  if (summary.status === 'error') return <><Heading level={1}>Datakwaliteit</Heading><Alert type="error">{errorMessage(summary.error)}</Alert></>;
  const s = summary.data;
  const ruleLabel = (id: string) => s?.rules.find((r) => r.id === id)?.label ?? id;
  const agbName = (agb: string | null) => (agb ? s?.aanbieders.find((a) => a.agb === agb)?.name ?? agb : '–');

  return (
    <>
      <Heading level={1}>Datakwaliteit</Heading>
      <Paragraph lead>
        Cijfers zijn zo goed als de gegevens eronder. Koers controleert na elke import of berichten compleet en op tijd zijn en
        of ze kloppen met de regels van de iStandaarden. Hieronder ziet u wat opvalt, per aanbieder en over de tijd, en een lijst om op te volgen.
      </Paragraph>
      {!s ? <Paragraph>Gegevens worden geladen…</Paragraph> : (
        <>
          <section aria-labelledby="dq-rules">
            <Heading level={2} id="dq-rules">Controles</Heading>
            <TableContainer label="Controles">
              <Table data-testid="dq-rules">
                <TableHeader><TableRow><TableHeaderCell scope="col">Controle</TableHeaderCell><TableHeaderCell scope="col">Wat het betekent</TableHeaderCell><TableHeaderCell scope="col" numeric>Open</TableHeaderCell></TableRow></TableHeader>
                <TableBody>
                  {s.rules.map((r) => (
                    <TableRow key={r.id}>
                      <TableHeaderCell scope="row">{r.label}</TableHeaderCell>
                      <TableCell>{r.description}</TableCell>
                      <TableCell numeric>
                        {r.open > 0 ? <Button appearance="subtle" onClick={() => setFilter({ rule: r.id, agb: '', status: 'open', offset: 0 })} aria-label={`Toon ${r.open} open bevindingen: ${r.label}`}>{formatCount(r.open)}</Button> : '0'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </section>

          <section aria-labelledby="dq-aanbieders">
            <Heading level={2} id="dq-aanbieders">Per aanbieder</Heading>
            {s.aanbieders.length === 0 ? <EmptyState title="Nog geen aanbieders" level={3}>Zodra er berichten zijn geïmporteerd, ziet u hier per aanbieder hoe compleet en tijdig ze zijn.</EmptyState> : (
              <TableContainer label="Datakwaliteit per aanbieder">
                <Table data-testid="dq-aanbieders">
                  <TableCaption>Op tijd = binnen 5 werkdagen na de start of het einde van de zorg (regels OP271 en OP272).</TableCaption>
                  <TableHeader><TableRow>
                    <TableHeaderCell scope="col">Aanbieder</TableHeaderCell><TableHeaderCell scope="col" numeric>Berichten</TableHeaderCell>
                    <TableHeaderCell scope="col" numeric>Start op tijd</TableHeaderCell><TableHeaderCell scope="col" numeric>Stop op tijd</TableHeaderCell><TableHeaderCell scope="col" numeric>Open bevindingen</TableHeaderCell>
                  </TableRow></TableHeader>
                  <TableBody>
                    {s.aanbieders.map((a) => (
                      <TableRow key={a.agb}>
                        <TableHeaderCell scope="row">{a.name} <span className="koers-muted">({a.agb})</span></TableHeaderCell>
                        <TableCell numeric>{formatCount(a.messages)}</TableCell>
                        <TableCell numeric>{pct(a.startsOnTimePct)}</TableCell>
                        <TableCell numeric>{pct(a.stopsOnTimePct)}</TableCell>
                        <TableCell numeric>{a.open > 0 ? <Button appearance="subtle" onClick={() => setFilter({ rule: '', agb: a.agb, status: 'open', offset: 0 })} aria-label={`Toon ${a.open} open bevindingen van ${a.name}`}>{formatCount(a.open)}</Button> : '0'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          </section>

          <section aria-labelledby="dq-months">
            <Heading level={2} id="dq-months">Over de tijd</Heading>
            <details className="koers-details">
              <summary>Toon per maand: berichten, tijdigheid en nieuwe bevindingen</summary>
              <TableContainer label="Datakwaliteit per maand">
                <Table data-testid="dq-months">
                  <TableHeader><TableRow>
                    <TableHeaderCell scope="col">Maand</TableHeaderCell><TableHeaderCell scope="col" numeric>Berichten</TableHeaderCell>
                    <TableHeaderCell scope="col" numeric>Start op tijd</TableHeaderCell><TableHeaderCell scope="col" numeric>Stop op tijd</TableHeaderCell><TableHeaderCell scope="col" numeric>Bevindingen</TableHeaderCell>
                  </TableRow></TableHeader>
                  <TableBody>
                    {s.months.map((m) => (
                      <TableRow key={m.month}>
                        <TableHeaderCell scope="row">{m.month}</TableHeaderCell><TableCell numeric>{formatCount(m.messages)}</TableCell>
                        <TableCell numeric>{pct(m.startsOnTimePct)}</TableCell><TableCell numeric>{pct(m.stopsOnTimePct)}</TableCell><TableCell numeric>{formatCount(m.newFindings)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            </details>
          </section>

          <section aria-labelledby="dq-rejected">
            <Heading level={2} id="dq-rejected">Geweigerde bestanden en regels</Heading>
            {s.rejectedFiles.length === 0 ? <Paragraph>Er is niets geweigerd.</Paragraph> : (
              <ul className="utrecht-unordered-list">
                {s.rejectedFiles.map((r) => <li key={r.source}>{r.source}: {formatCount(r.open)} open van {formatCount(r.total)}</li>)}
              </ul>
            )}
            <Paragraph><Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">Naar de quarantaine</Link></Paragraph>
          </section>
        </>
      )}

      <section aria-labelledby="dq-followup">
        <Heading level={2} id="dq-followup">Opvolglijst</Heading>
        <div className="koers-filters" role="group" aria-label="Filter de opvolglijst">
          <FormField htmlFor="dq-rule" label="Controle">
            <Select id="dq-rule" value={filter.rule} onChange={(e) => setFilter({ ...filter, rule: e.target.value, offset: 0 })}>
              <option value="">Alle controles</option>
              {s?.rules.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
            </Select>
          </FormField>
          <FormField htmlFor="dq-agb" label="Aanbieder">
            <Select id="dq-agb" value={filter.agb} onChange={(e) => setFilter({ ...filter, agb: e.target.value, offset: 0 })}>
              <option value="">Alle aanbieders</option>
              {s?.aanbieders.map((a) => <option key={a.agb} value={a.agb}>{a.name}</option>)}
            </Select>
          </FormField>
          <FormField htmlFor="dq-status" label="Status">
            <Select id="dq-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value, offset: 0 })}>
              <option value="open">Open</option><option value="resolved">Opgelost</option><option value="ignored">Genegeerd</option><option value="">Alle</option>
            </Select>
          </FormField>
        </div>
        {actionError ? <Alert type="error">{actionError}</Alert> : null}
        <div aria-live="polite">
          {findings.status === 'error' ? <Alert type="error">{errorMessage(findings.error)}</Alert>
            : !findings.data ? <Paragraph>Bevindingen worden geladen…</Paragraph>
            : findings.data.total === 0 ? <EmptyState title="Niets op te volgen" level={3}>Er zijn geen bevindingen met dit filter.</EmptyState>
            : (
              <>
                <Paragraph>{formatCount(findings.data.total)} bevindingen{findings.data.total > PAGE ? `, ${filter.offset + 1} tot ${Math.min(filter.offset + PAGE, findings.data.total)} getoond` : ''}.</Paragraph>
                <TableContainer label="Opvolglijst">
                  <Table data-testid="dq-findings">
                    <TableHeader><TableRow>
                      <TableHeaderCell scope="col">Controle</TableHeaderCell><TableHeaderCell scope="col">Aanbieder</TableHeaderCell><TableHeaderCell scope="col">Datum</TableHeaderCell>
                      <TableHeaderCell scope="col">Details</TableHeaderCell><TableHeaderCell scope="col">Status</TableHeaderCell>{canEdit ? <TableHeaderCell scope="col">Actie</TableHeaderCell> : null}
                    </TableRow></TableHeader>
                    <TableBody>
                      {findings.data.rows.map((f) => (
                        <TableRow key={f.id}>
                          <TableCell>{ruleLabel(f.rule)}</TableCell><TableCell>{agbName(f.agb)}</TableCell><TableCell>{f.refDate ?? '–'}</TableCell>
                          <TableCell>{describeDetail(f.detail)}</TableCell><TableCell>{STATUS_LABEL[f.status]}</TableCell>
                          {canEdit ? (
                            <TableCell>
                              {f.status === 'open' ? (
                                <>
                                  <Button appearance="subtle" onClick={() => void setStatus(f, 'resolved')}>Opgelost</Button>{' '}
                                  <Button appearance="subtle" onClick={() => void setStatus(f, 'ignored')}>Negeren</Button>
                                </>
                              ) : <Button appearance="subtle" onClick={() => void setStatus(f, 'open')}>Heropenen</Button>}
                            </TableCell>
                          ) : null}
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
                <div className="koers-pager">
                  <Button disabled={filter.offset === 0} onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - PAGE) })}>Vorige</Button>{' '}
                  <Button disabled={filter.offset + PAGE >= findings.data.total} onClick={() => setFilter({ ...filter, offset: filter.offset + PAGE })}>Volgende</Button>
                </div>
              </>
            )}
        </div>
      </section>
    </>
  );
}

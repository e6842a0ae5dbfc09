// "Vergelijking" on the indicator page (issue 4, Comparisons): the gemeente's own figure beside
// the CBS figures of Nederland, its province, gemeenten of the same size and the chosen peers,
// as a table and a simple bar chart (the table is its text alternative), plus the difference with
// the official CBS figure explained in plain Dutch. Beleid and beheerder choose the peers here.
import { useState, type FormEvent } from 'react';
import { apiRequest, errorMessage } from '../api.js';
import {
  Alert,
  Button,
  FormField,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '../components/index.js';
import { formatPeriod, formatValue, SUPPRESSED_TEXT } from '../format.js';
import { useAsync } from '../hooks.js';

export interface ComparisonRow {
  kind: 'eigen' | 'cbs_eigen' | 'land' | 'provincie' | 'grootteklasse_gemiddelde' | 'grootteklasse_mediaan' | 'peer';
  code: string | null;
  label: string;
  value: number | null;
  count?: number;
  provisional?: boolean;
  suppressed?: boolean;
  source: 'koers' | 'cbs';
  sourceName?: string;
}

export interface PeerComparisonData {
  indicator: string;
  unit: string;
  period: string;
  periods: string[];
  comparable: boolean;
  hasReference: boolean;
  message: string | null;
  gemeente: { code: string; name: string; province: { code: string; name: string } | null; sizeClass: { id: string; label: string } | null };
  rows: ComparisonRow[];
  official: { own: number | null; cbs: number; difference: number | null; relative: number | null; explanation: string[] } | null;
  mayEditPeers: boolean;
}

interface PeerList { peers: { code: string; name: string }[]; mayEdit: boolean; max: number }

export const NO_COMPARISON_TEXT = 'Geen gegevens: importeer CBS-cijfers (bron cbs_reference).';

function sourceText(row: ComparisonRow): string {
  if (row.source === 'koers') return 'Koers (eigen registratie)';
  const parts = [row.sourceName ?? 'CBS'];
  if (row.count !== undefined) parts.push(`${row.count} gemeenten`);
  if (row.provisional) parts.push('voorlopig');
  return parts.join(', ');
}

function valueText(row: ComparisonRow, unit: string): string {
  if (row.suppressed) return SUPPRESSED_TEXT;
  return row.value === null ? 'geen gegevens' : formatValue(row.value, unit);
}

/** Horizontal bars, scaled to the largest value; hidden from screen readers (the table says the same). */
function Bars({ rows, unit }: { rows: ComparisonRow[]; unit: string }) {
  const max = Math.max(...rows.map((r) => (r.value !== null && !r.suppressed ? Math.abs(r.value) : 0)), 0);
  if (max === 0) return null;
  return (
    <div aria-hidden="true" data-testid="peer-bars" style={{ display: 'grid', gridTemplateColumns: 'minmax(8rem, 16rem) 1fr', gap: '0.25rem 0.75rem', alignItems: 'center', margin: '1rem 0' }}>
      {rows.map((r, i) => {
        const v = r.value !== null && !r.suppressed ? r.value : null;
        const own = r.kind === 'eigen';
        return [
          <span key={`l${i}`} style={{ fontWeight: own ? 700 : 400 }}>{r.label}</span>,
          <span key={`b${i}`} style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
            {v === null ? (
              <em>{r.suppressed ? 'afgeschermd' : 'geen gegevens'}</em>
            ) : (
              <>
                <span style={{ display: 'inline-block', height: '1rem', width: `${Math.max(1, (Math.abs(v) / max) * 100)}%`, maxWidth: '80%', background: own ? '#01689b' : r.kind === 'cbs_eigen' ? '#8fcae7' : '#b2b2b2', border: r.provisional ? '1px dashed #333' : undefined }} />
                <span>{formatValue(v, unit)}</span>
              </>
            )}
          </span>,
        ];
      })}
    </div>
  );
}

function PeerEditor({ onSaved }: { onSaved: () => void }) {
  const list = useAsync((signal) => apiRequest<PeerList>('/api/peers', { signal }), []);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (list.status !== 'success' || !list.data.mayEdit) return null;
  const current = text ?? list.data.peers.map((p) => p.code).join(', ');
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const peers = current.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
      await apiRequest<PeerList>('/api/peers', { method: 'PUT', body: { peers } });
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <form onSubmit={save} data-testid="peer-editor">
      <FormField htmlFor="peer-codes" label="Vergelijkingsgemeenten (CBS-codes)" description={`Bijvoorbeeld GM0344, GM0363. Hoogstens ${list.data.max} gemeenten. Geldt voor alle cijfers.`} descriptionId="peer-codes-help" invalid={error !== null}>
        <Textbox id="peer-codes" value={current} onChange={(e) => setText(e.target.value)} aria-describedby="peer-codes-help" invalid={error !== null} />
      </FormField>
      {error ? <Alert type="error" live><Paragraph>{error}</Paragraph></Alert> : null}
      <Button type="submit" busy={saving}>Vergelijkingsgemeenten opslaan</Button>
    </form>
  );
}

/** The "Vergelijking" section for one indicator. */
export function PeerComparison({ id, period }: { id: string; period?: string | null }) {
  const [reload, setReload] = useState(0);
  const yearOnly = period && /^\d{4}$/.test(period) ? period : null;
  const state = useAsync(
    (signal) => apiRequest<PeerComparisonData>(`/api/indicators/${encodeURIComponent(id)}/peers${yearOnly ? `?period=${yearOnly}` : ''}`, { signal }),
    [id, yearOnly, reload],
  );
  const data = state.data;
  return (
    <section className="koers-section" aria-labelledby="peers-title" data-testid="peer-comparison">
      <Heading level={2} id="peers-title">Vergelijking</Heading>
      {state.status === 'error' ? (
        <Alert type="error" live><Paragraph>{errorMessage(state.error)}</Paragraph></Alert>
      ) : !data ? (
        <p className="utrecht-paragraph koers-loading" role="status">Vergelijking laden…</p>
      ) : !data.hasReference ? (
        <Paragraph data-testid="peer-nodata">{data.message ?? NO_COMPARISON_TEXT}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {data.gemeente.name} in {formatPeriod(data.period)} naast Nederland
            {data.gemeente.province ? `, de provincie ${data.gemeente.province.name}` : ''}
            {data.gemeente.sizeClass ? `, gemeenten met ${data.gemeente.sizeClass.label}` : ''} en de gekozen vergelijkingsgemeenten. De
            andere cijfers komen van het CBS.
          </Paragraph>
          {data.message ? <Paragraph>{data.message}</Paragraph> : null}
          <figure className="koers-figure">
            <Bars rows={data.rows} unit={data.unit} />
            <figcaption className="koers-figure__caption">
              Staafdiagram van de tabel hieronder. Een gestippelde rand betekent: voorlopig cijfer.
            </figcaption>
          </figure>
          <TableContainer label="Vergelijking met andere gemeenten">
            <Table>
              <TableCaption>Vergelijking in {formatPeriod(data.period)}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Wie</TableHeaderCell>
                  <TableHeaderCell scope="col">Waarde</TableHeaderCell>
                  <TableHeaderCell scope="col">Bron</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((r, i) => (
                  <TableRow key={`${r.kind}-${r.code ?? i}`}>
                    <TableHeaderCell scope="row">{r.label}</TableHeaderCell>
                    <TableCell>{valueText(r, data.unit)}</TableCell>
                    <TableCell>{sourceText(r)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {data.official ? (
            <div data-testid="peer-official">
              <Heading level={3}>Eigen cijfer en CBS-cijfer</Heading>
              {data.official.explanation.map((line) => <Paragraph key={line}>{line}</Paragraph>)}
            </div>
          ) : null}
        </>
      )}
      {data?.mayEditPeers ? <PeerEditor onSaved={() => setReload((n) => n + 1)} /> : null}
    </section>
  );
}

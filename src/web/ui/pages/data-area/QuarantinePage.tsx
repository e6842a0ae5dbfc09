import { useRef, useState } from 'react';
import { errorMessage } from '../../api.js';
import { dataApi, type QuarantineRecordInfo, type QuarantineStatus } from '../../data-api.js';
import {
  Alert,
  Button,
  EmptyState,
  FormField,
  Heading,
  Pagination,
  Paragraph,
  Select,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../components/index.js';
import { formatCount, formatDateTime } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import { pageParam } from './ImportHistoryPage.js';
import { QUARANTINE_STATUS, sourceLabel } from './labels.js';

const STATUS_FILTER: Array<{ value: QuarantineStatus | 'all'; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Opgelost' },
  { value: 'ignored', label: 'Genegeerd' },
  { value: 'all', label: 'Alle' },
];

function RecordActions({ record, busy, onAction }: { record: QuarantineRecordInfo; busy: boolean; onAction: (action: 'resolve' | 'ignore') => void }) {
  if (record.status !== 'open') {
    return (
      <span>
        {QUARANTINE_STATUS[record.status]}
        {record.resolvedBy ? ` door ${record.resolvedBy}` : ''}
        {record.resolvedAt ? ` op ${formatDateTime(record.resolvedAt)}` : ''}
        {record.resolvedImportId ? (
          <>
            {' '}(
            <Link to={`/data/geschiedenis/${record.resolvedImportId}`} className="utrecht-link utrecht-link--html-a">
              verbeterd ingelezen
            </Link>
            )
          </>
        ) : null}
      </span>
    );
  }
  return (
    <span className="koers-row-actions">
      {record.hasRecord ? (
        <Link to={`/data/quarantaine/${record.id}`} className="utrecht-link utrecht-link--html-a" aria-label={`Verbeteren: ${record.location ?? 'regel'} van ${record.fileName}`}>
          Verbeteren
        </Link>
      ) : null}
      <Button appearance="secondary-action" disabled={busy} aria-label={`Opgelost: ${record.fileName}`} onClick={() => onAction('resolve')}>
        Opgelost
      </Button>
      <Button appearance="subtle" disabled={busy} aria-label={`Negeren: ${record.fileName}`} onClick={() => onAction('ignore')}>
        Negeren
      </Button>
    </span>
  );
}

export function QuarantinePage() {
  usePageTitle('Quarantaine');
  const { search } = useLocation();
  const status = STATUS_FILTER.find((s) => s.value === search.get('status'))?.value ?? 'open';
  const source = search.get('bron') || null;
  const page = pageParam(search.get('pagina'));
  const [reload, setReload] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const state = useAsync((signal) => dataApi.quarantine({ status, source, page }, signal), [status, source, page, reload]);
  const sources = useAsync((signal) => dataApi.sources(signal), []);
  const tabular = sources.data?.sources ?? [];
  const data = state.data;

  async function act(record: QuarantineRecordInfo, action: 'resolve' | 'ignore') {
    setBusyId(record.id);
    try {
      await dataApi.setQuarantineStatus(record.id, action);
      setMessage({ type: 'ok', text: `De melding over ${record.fileName} staat nu op "${action === 'resolve' ? 'opgelost' : 'genegeerd'}".` });
      setReload((n) => n + 1);
    } catch (error) {
      setMessage({ type: 'error', text: errorMessage(error) });
    } finally {
      setBusyId(null);
      // The row (and the button that had focus) may disappear: keep focus on the message.
      window.requestAnimationFrame(() => messageRef.current?.focus());
    }
  }

  const filterSources = [...new Set([...(data?.sources ?? []), ...(source ? [source] : [])])];

  return (
    <>
      <Heading level={1}>Quarantaine</Heading>
      <Paragraph lead>
        Bestanden en regels die Koers niet kon inlezen, met de plek en de reden. Een geweigerde regel uit een tabel kunt u hier
        verbeteren en opnieuw inlezen (&quot;Verbeteren&quot;). Een fout in een heel bestand verbetert u bij de bron; lees het
        bestand dan opnieuw in en zet de melding op &quot;Opgelost&quot;. Is de melding niet van belang, kies dan &quot;Negeren&quot;.
      </Paragraph>

      <div className="koers-controls" role="group" aria-label="Filters">
        <FormField htmlFor="quarantine-status" label="Status" className="koers-controls__field">
          <Select id="quarantine-status" value={status} onChange={(event) => setSearchParams({ status: event.currentTarget.value === 'open' ? null : event.currentTarget.value, pagina: null })}>
            {STATUS_FILTER.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
                {data && s.value !== 'all' ? ` (${formatCount(data.counts[s.value])})` : ''}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField htmlFor="quarantine-source" label="Bron" className="koers-controls__field">
          <Select id="quarantine-source" value={source ?? ''} onChange={(event) => setSearchParams({ bron: event.currentTarget.value || null, pagina: null })}>
            <option value="">Alle bronnen</option>
            {filterSources.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s, tabular)}
              </option>
            ))}
          </Select>
        </FormField>
      </div>

      <div ref={messageRef} tabIndex={-1} className="koers-focus-target" role="status" aria-live="polite">
        {message ? (
          <Alert type={message.type}>
            <Paragraph>{message.text}</Paragraph>
          </Alert>
        ) : null}
      </div>

      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}
      {!data && state.status === 'loading' ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Meldingen laden…
        </p>
      ) : null}

      {data && data.total === 0 ? (
        <EmptyState title={status === 'open' ? 'Geen open meldingen' : 'Geen meldingen'}>
          <Paragraph>
            {status === 'open'
              ? 'Alles wat is aangeboden, is ingelezen of al afgehandeld.'
              : 'Er zijn geen meldingen met deze status of bron.'}{' '}
            <Link to="/data/geschiedenis" className="utrecht-link utrecht-link--html-a">
              Bekijk de importgeschiedenis
            </Link>
            .
          </Paragraph>
        </EmptyState>
      ) : null}

      {data && data.total > 0 ? (
        <>
          <TableContainer label="Meldingen in quarantaine" data-testid="quarantine-table" aria-busy={state.status === 'loading' || undefined}>
            <Table>
              <TableCaption>
                {formatCount(data.total)} {data.total === 1 ? 'melding' : 'meldingen'} ({STATUS_FILTER.find((s) => s.value === status)!.label.toLowerCase()}
                {source ? `, ${sourceLabel(source, tabular)}` : ''})
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Bestand</TableHeaderCell>
                  <TableHeaderCell>Bron</TableHeaderCell>
                  <TableHeaderCell>Plek</TableHeaderCell>
                  <TableHeaderCell>Veld</TableHeaderCell>
                  <TableHeaderCell>Reden</TableHeaderCell>
                  <TableHeaderCell>Binnengekomen</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.records.map((record) => (
                  <TableRow key={record.id}>
                    <TableHeaderCell scope="row" className="koers-file-name">
                      {record.importId ? (
                        <Link to={`/data/geschiedenis/${record.importId}`} className="utrecht-link utrecht-link--html-a">
                          {record.fileName}
                        </Link>
                      ) : (
                        record.fileName
                      )}
                    </TableHeaderCell>
                    <TableCell>{sourceLabel(record.source, tabular)}</TableCell>
                    <TableCell>{record.location ?? '–'}</TableCell>
                    <TableCell>{record.field ?? '–'}</TableCell>
                    <TableCell className="koers-reason">{record.reason}</TableCell>
                    <TableCell>{record.createdAt ? formatDateTime(record.createdAt) : '–'}</TableCell>
                    <TableCell className="koers-wrap">
                      <RecordActions record={record} busy={busyId !== null} onAction={(action) => void act(record, action)} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Pagination label="Pagina's met meldingen" page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setSearchParams({ pagina: p === 1 ? null : String(p) })} />
        </>
      ) : null}
    </>
  );
}

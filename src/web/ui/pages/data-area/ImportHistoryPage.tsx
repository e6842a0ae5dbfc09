import { errorMessage } from '../../api.js';
import { dataApi } from '../../data-api.js';
import {
  Alert,
  EmptyState,
  Heading,
  Pagination,
  Paragraph,
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
import { viaLabel, whoLabel } from './labels.js';

export const pageParam = (value: string | null) => (value && /^\d{1,5}$/.test(value) && Number(value) > 0 ? Number(value) : 1);

export function ImportHistoryPage() {
  usePageTitle('Importgeschiedenis');
  const { search } = useLocation();
  const page = pageParam(search.get('pagina'));
  const state = useAsync((signal) => dataApi.imports(page, signal), [page]);
  const data = state.data;

  return (
    <>
      <Heading level={1}>Importgeschiedenis</Heading>
      <Paragraph lead>Alles wat in Koers is ingelezen voor uw gemeente, het nieuwste eerst. Kies een import voor de uitkomst per bestand.</Paragraph>
      {state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : null}
      {!data && state.status === 'loading' ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Geschiedenis laden…
        </p>
      ) : null}
      {data && data.total === 0 ? (
        <EmptyState title="Er is nog niets ingelezen">
          <Paragraph>
            Lees berichten of bestanden in via{' '}
            <Link to="/data/importeren" className="utrecht-link utrecht-link--html-a">
              Importeren
            </Link>
            . Daarna ziet u hier wat er is ingelezen.
          </Paragraph>
        </EmptyState>
      ) : null}
      {data && data.total > 0 ? (
        <>
          <TableContainer label="Importgeschiedenis" data-testid="import-history" aria-busy={state.status === 'loading' || undefined}>
            <Table>
              <TableCaption>
                Imports {data.total > data.pageSize ? `(${formatCount(data.total)} in totaal)` : ''}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Moment</TableHeaderCell>
                  <TableHeaderCell>Door</TableHeaderCell>
                  <TableHeaderCell>Hoe</TableHeaderCell>
                  <TableHeaderCell numeric>Bestanden</TableHeaderCell>
                  <TableHeaderCell numeric>Ingelezen</TableHeaderCell>
                  <TableHeaderCell numeric>Geweigerd</TableHeaderCell>
                  <TableHeaderCell numeric>Dubbel</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.imports.map((run) => (
                  <TableRow key={run.importId}>
                    <TableHeaderCell scope="row">
                      <Link to={`/data/geschiedenis/${run.importId}`} className="utrecht-link utrecht-link--html-a">
                        {run.startedAt ? formatDateTime(run.startedAt) : 'Onbekend moment'}
                      </Link>
                    </TableHeaderCell>
                    <TableCell>{whoLabel(run.username)}</TableCell>
                    <TableCell>{viaLabel(run.via)}</TableCell>
                    <TableCell numeric>{formatCount(run.files)}</TableCell>
                    <TableCell numeric>{formatCount(run.accepted)}</TableCell>
                    <TableCell numeric>{run.rejected ? <strong>{formatCount(run.rejected)}</strong> : formatCount(run.rejected)}</TableCell>
                    <TableCell numeric>{formatCount(run.duplicates)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Pagination label="Pagina's van de importgeschiedenis" page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setSearchParams({ pagina: p === 1 ? null : String(p) })} />
        </>
      ) : null}
    </>
  );
}

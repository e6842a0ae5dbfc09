import { ApiError, errorMessage } from '../../api.js';
import { dataApi } from '../../data-api.js';
import { Alert, DataList, DataListItem, FormField, Heading, Pagination, Paragraph, Select } from '../../components/index.js';
import { formatCount, formatDateTime } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import { pageParam } from './ImportHistoryPage.js';
import { ImportResultsTable } from './ImportResultsTable.js';
import { FILE_STATUS, summarySentence, viaLabel, whoLabel } from './labels.js';

const STATUSES = ['rejected', 'duplicate', 'accepted'] as const;

export function ImportDetailPage({ id }: { id: string }) {
  const { search } = useLocation();
  const page = pageParam(search.get('pagina'));
  const statusParam = search.get('status');
  const status = STATUSES.find((s) => s === statusParam) ?? null;
  const state = useAsync((signal) => dataApi.importDetail(id, { page, status }, signal), [id, page, status]);
  const data = state.data;
  const when = data?.import.startedAt ? formatDateTime(data.import.startedAt) : null;
  usePageTitle(when ? `Import van ${when}` : 'Import');

  if (state.status === 'error') {
    const gone = state.error instanceof ApiError && state.error.status === 404;
    return (
      <>
        <Heading level={1}>{gone ? 'Import niet gevonden' : 'Import'}</Heading>
        <Alert type="error" live>
          <Paragraph>{gone ? 'Deze import bestaat niet, of hoort niet bij uw gemeente.' : errorMessage(state.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <Link to="/data/geschiedenis" className="utrecht-link utrecht-link--html-a">
            Terug naar de importgeschiedenis
          </Link>
        </Paragraph>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <Heading level={1}>Import</Heading>
        <p className="utrecht-paragraph koers-loading" role="status">
          Import laden…
        </p>
      </>
    );
  }
  const run = data.import;
  return (
    <>
      <p className="utrecht-paragraph koers-breadcrumb">
        <Link to="/data/geschiedenis" className="utrecht-link utrecht-link--html-a">
          Importgeschiedenis
        </Link>
      </p>
      <Heading level={1}>Import van {when ?? 'onbekend moment'}</Heading>
      <Paragraph lead>{summarySentence(run)}</Paragraph>
      <DataList className="koers-import-facts" data-testid="import-facts">
        <DataListItem term="Door">{whoLabel(run.username)}</DataListItem>
        <DataListItem term="Hoe">{viaLabel(run.via)}</DataListItem>
        <DataListItem term="Bestanden">
          {formatCount(run.files)} ({formatCount(run.accepted)} ingelezen, {formatCount(run.rejected)} geweigerd, {formatCount(run.duplicates)} dubbel)
        </DataListItem>
        <DataListItem term="Klaar op">{run.finishedAt ? formatDateTime(run.finishedAt) : 'nog bezig of afgebroken'}</DataListItem>
        <DataListItem term="Open in quarantaine">
          {run.quarantineOpen ? (
            <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
              {run.quarantineOpen === 1 ? '1 melding' : `${formatCount(run.quarantineOpen)} meldingen`}
            </Link>
          ) : (
            'geen'
          )}
        </DataListItem>
      </DataList>

      <section className="koers-section" aria-labelledby="import-files">
        <Heading level={2} id="import-files">
          Per bestand
        </Heading>
        <div className="koers-controls">
          <FormField htmlFor="import-status" label="Toon" className="koers-controls__field">
            <Select id="import-status" value={status ?? ''} onChange={(event) => setSearchParams({ status: event.currentTarget.value || null, pagina: null })}>
              <option value="">Alle bestanden</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  Alleen {FILE_STATUS[s].toLowerCase()}
                </option>
              ))}
            </Select>
          </FormField>
        </div>
        {data.files.length ? (
          <ImportResultsTable files={data.files} caption={status ? `Bestanden: ${FILE_STATUS[status].toLowerCase()}` : 'Alle bestanden van deze import'} sort={false} data-testid="import-files-table" />
        ) : (
          <Paragraph>Er zijn geen bestanden met deze uitkomst.</Paragraph>
        )}
        <Pagination label="Pagina's met bestanden" page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setSearchParams({ pagina: p === 1 ? null : String(p) })} />
      </section>
    </>
  );
}

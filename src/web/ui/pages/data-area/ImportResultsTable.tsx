import type { ImportFileResult, TabularSource } from '../../data-api.js';
import { Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow } from '../../components/index.js';
import { FILE_STATUS, sourceLabel } from './labels.js';

const ORDER: Record<ImportFileResult['status'], number> = { rejected: 0, duplicate: 1, accepted: 2 };
const SHOWN = 500;

/** Per-file results: geweigerd first (with plek and reden), then dubbel, then ingelezen. */
export function ImportResultsTable({
  files,
  caption,
  sources = [],
  sort = true,
  total,
  'data-testid': testId,
}: {
  files: ImportFileResult[];
  caption: string;
  sources?: TabularSource[];
  sort?: boolean;
  /** All files of the import, when `files` is one page of them. */
  total?: number;
  'data-testid'?: string;
}) {
  const rows = sort ? [...files].sort((a, b) => ORDER[a.status] - ORDER[b.status]) : files;
  const shown = rows.slice(0, SHOWN);
  return (
    <>
      <TableContainer label={caption} data-testid={testId}>
        <Table>
          <TableCaption>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Bestand</TableHeaderCell>
              <TableHeaderCell>Resultaat</TableHeaderCell>
              <TableHeaderCell>Soort</TableHeaderCell>
              <TableHeaderCell>Plek in het bestand</TableHeaderCell>
              <TableHeaderCell>Reden</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((file, index) => (
              <TableRow key={`${file.name}-${index}`} className={`koers-file-row koers-file-row--${file.status}`}>
                <TableHeaderCell scope="row" className="koers-file-name">
                  {file.name}
                </TableHeaderCell>
                <TableCell>
                  <span className={`koers-result koers-result--${file.status}`}>{FILE_STATUS[file.status]}</span>
                </TableCell>
                <TableCell>{file.messageType ?? sourceLabel(file.source, sources)}</TableCell>
                <TableCell>{file.location ?? '–'}</TableCell>
                <TableCell className="koers-reason">
                  {file.reason ?? (file.status === 'accepted' ? '–' : '')}
                  {file.rows !== undefined ? (
                    <span className="koers-muted">
                      {file.reason ? ' ' : ''}({file.rows} {file.rows === 1 ? 'regel' : 'regels'})
                    </span>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > SHOWN || (total !== undefined && total > rows.length) ? (
        <p className="utrecht-paragraph koers-table-note">
          Hier staan de eerste {Math.min(SHOWN, rows.length)} van {total ?? rows.length} bestanden.
        </p>
      ) : null}
    </>
  );
}

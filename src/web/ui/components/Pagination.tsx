import { Button } from './Button.js';

export interface PaginationProps {
  /** What is paged, for the navigation's name: "Pagina's van de importgeschiedenis". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Previous / next page, with "Pagina 2 van 5". Hidden when everything fits on one page. */
export function Pagination({ label, page, pageSize, total, onPage }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="koers-pagination" aria-label={label}>
      <Button appearance="secondary-action" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Vorige
      </Button>
      <span className="koers-pagination__text">
        Pagina {page} van {pages}
      </span>
      <Button appearance="secondary-action" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Volgende
      </Button>
    </nav>
  );
}

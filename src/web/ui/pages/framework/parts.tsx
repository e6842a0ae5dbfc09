import type { ReactNode } from 'react';
import { Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow } from '../../components/index.js';
import type { FrameworkVersion, Status } from './framework-api.js';
import { VERSION_STATUS_LABEL } from './framework-api.js';
import './framework.css';

const ICON: Record<Status, string> = { op_koers: '✓', aandacht: '!', niet_op_koers: '✕', geen_gegevens: '?', geen_doel: '–', context: 'i', leeg: '–' };

/** A status as icon + text (+ colour): colour is never the only carrier. */
export function StatusTag({ status, label }: { status: Status; label: string }) {
  return (
    <span className={`koers-fw-status koers-fw-status--${status}`} data-status={status}>
      <span className="koers-fw-status__icon" aria-hidden="true">{ICON[status]}</span>
      <span>{label}</span>
    </span>
  );
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const formatDate = (d: string | null) => (d ? dateFormat.format(new Date(`${d}T00:00:00Z`)) : '–');
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
export const formatEuro = (n: number | null) => (n === null ? 'geen gegevens' : euro.format(n));

export function inForceText(v: FrameworkVersion): string {
  if (!v.inForceFrom) return v.status === 'concept' ? 'nog niet vastgesteld' : '–';
  return v.inForceTo ? `${formatDate(v.inForceFrom)} tot en met ${formatDate(v.inForceTo)}` : `vanaf ${formatDate(v.inForceFrom)}`;
}

export function VersionsTable({ versions, caption, actions }: { versions: FrameworkVersion[]; caption: string; actions?: (v: FrameworkVersion) => ReactNode }) {
  return (
    <TableContainer label={caption}>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Versie</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Vastgesteld door de raad</TableHeaderCell>
            <TableHeaderCell>Raadsbesluit</TableHeaderCell>
            <TableHeaderCell>Geldt</TableHeaderCell>
            {actions ? <TableHeaderCell>Bekijken</TableHeaderCell> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {versions.map((v) => (
            <TableRow key={v.version}>
              <TableCell>{v.version}</TableCell>
              <TableCell>{VERSION_STATUS_LABEL[v.status]}</TableCell>
              <TableCell>{formatDate(v.adoptedOn)}</TableCell>
              <TableCell>{v.decisionRef ?? '–'}</TableCell>
              <TableCell>{inForceText(v)}</TableCell>
              {actions ? <TableCell>{actions(v)}</TableCell> : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

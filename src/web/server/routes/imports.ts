import { Hono } from 'hono';
import { expandUploads, type ImportFileOutcome } from '../../../app/imports.js';
import type { Koers } from '../../../app/koers.js';
import { audit } from '../../../auth/index.js';
import { sql } from '../../../db/index.js';
import type { Mapping } from '../../../ingest/tabular/index.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import type { ImportDetail, ImportFileResult, ImportList, ImportSummary } from './api-types.js';
import { cleanFileName, clientIp, isUuid, paging, requireImportCaller, type ApiContext, type ApiEnv } from './context.js';
import { loadMapping, requireTabularSource } from './tabular.js';

/** One uploaded file as it arrived (multipart part or raw body). */
interface Upload { name: string; bytes: Buffer }

/** Raw bodies: content type → the extension the importer recognises the file by. */
const RAW_TYPES: Record<string, string> = {
  'application/xml': '.xml',
  'text/xml': '.xml',
  'application/zip': '.zip',
  'application/x-zip-compressed': '.zip',
  'text/csv': '.csv',
  'application/geo+json': '.geojson',
};
const FILE_FIELDS = ['files', 'files[]', 'file'];

/** The uploaded files: multipart parts named `files`, or one raw body named by `?name=`. */
async function readUploads(c: ApiContext): Promise<Upload[]> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') {
    let body: Record<string, unknown>;
    try { body = await c.req.parseBody({ all: true }); } catch { throw badRequest('De upload kon niet gelezen worden (multipart/form-data). Probeer het opnieuw.'); }
    const parts = FILE_FIELDS.flatMap((k) => { const v = body[k]; return v === undefined ? [] : Array.isArray(v) ? v : [v]; });
    const uploads: Upload[] = [];
    for (const p of parts) {
      if (!(p instanceof File)) throw badRequest('Het veld "files" moet bestanden bevatten, geen tekst.');
      uploads.push({ name: cleanFileName(p.name), bytes: Buffer.from(await p.arrayBuffer()) });
    }
    return uploads;
  }
  const ext = RAW_TYPES[type];
  if (!ext) {
    throw new ApiError(400, 'unsupported_media_type', `Bestandstype "${type || 'onbekend'}" wordt niet ondersteund. Stuur multipart/form-data (veld "files") of één bestand als application/xml, application/zip of text/csv met ?name=…`);
  }
  let name = cleanFileName(c.req.query('name') ?? '', `upload${ext}`);
  if (ext !== '.xml' && !name.toLowerCase().endsWith(ext)) name += ext;
  const bytes = Buffer.from(await c.req.arrayBuffer());
  return bytes.length ? [{ name, bytes }] : [];
}

const toResult = (f: ImportFileOutcome): ImportFileResult => ({
  name: f.name, source: f.source ?? null, status: f.status, messageType: f.messageType, gemeente: f.gemeente, location: f.location, reason: f.reason,
  ...(f.rows !== undefined ? { rows: f.rows } : {}), ...(f.quarantined !== undefined ? { quarantined: f.quarantined } : {}),
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** History, detail and upload of imports. */
export function importRoutes(koers: Koers) {
  const { db } = koers;
  const app = new Hono<ApiEnv>();

  /**
   * An upload for the caller's gemeente, through the app's one import entry (src/app/imports.ts)
   * restricted to that gemeente: files of another gemeente are refused per file. Audited.
   */
  app.post('/api/imports', async (c) => {
    const caller = await requireImportCaller(c, db);
    const source = c.req.query('source')?.trim() || 'auto';
    const mappingId = c.req.query('mapping')?.trim() || null;
    if (source === 'auto' && mappingId) throw badRequest('Een koppeling hoort bij een bron. Geef ook source=… mee.');
    let mapping: Mapping | null = null;
    if (source !== 'auto') {
      const s = requireTabularSource(source);
      if (mappingId) {
        const saved = await loadMapping(db, caller.gemeenteCode, mappingId);
        if (saved.source !== s.id) throw badRequest(`Koppeling "${saved.name}" is voor tabel ${saved.source}, niet voor ${s.id}.`);
        mapping = saved.mapping;
      }
    }
    const uploads = await readUploads(c);
    if (!uploads.length) throw badRequest('Kies minstens één bestand om in te lezen.');

    const { files, unreadable } = await expandUploads(uploads);
    const r = await koers.importFiles(files, {
      source: caller.via, username: caller.username, tokenId: caller.tokenId, onlyGemeente: caller.gemeenteCode,
      tabular: source === 'auto' ? null : { source, mapping },
    }, unreadable);
    const summary: ImportSummary = {
      importId: r.importId, importIds: r.importIds, accepted: r.accepted, rejected: r.rejected, duplicates: r.duplicates, seconds: r.seconds, files: r.files.map(toResult),
    };
    await audit(db, {
      gemeenteCode: caller.gemeenteCode, userId: caller.userId, username: caller.username, action: 'import', object: summary.importId, ip: clientIp(c),
      details: { via: caller.via, tokenId: caller.tokenId, importIds: r.importIds, source, mappingId, files: r.files.length, accepted: r.accepted, rejected: r.rejected, duplicates: r.duplicates },
    });
    return c.json(summary);
  });

  /** Runs of the caller's gemeente (started by its accounts or tokens, or about its data). */
  const ownRuns = (gemeente: string) => db.selectFrom('import_run').where((eb) => eb.or([
    eb('owner_gemeente_code', '=', gemeente),
    eb.and([eb('owner_gemeente_code', 'is', null), eb('gemeente_code', '=', gemeente)]),
  ]));

  app.get('/api/imports', async (c) => {
    const caller = await requireImportCaller(c, db);
    const { page, pageSize, offset } = paging(c, 20);
    const [rows, count] = await Promise.all([
      ownRuns(caller.gemeenteCode).select(['import_id', 'started_at', 'finished_at', 'source', 'username', 'files_total', 'files_accepted', 'files_rejected', 'files_duplicate'])
        .orderBy('started_at', 'desc').orderBy('import_id').limit(pageSize).offset(offset).execute(),
      ownRuns(caller.gemeenteCode).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return c.json({
      page, pageSize, total: Number(count.n),
      imports: rows.map((r) => ({
        importId: r.import_id, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at), via: r.source, username: r.username,
        files: r.files_total, accepted: r.files_accepted, rejected: r.files_rejected, duplicates: r.files_duplicate,
      })),
    } satisfies ImportList);
  });

  app.get('/api/imports/:id', async (c) => {
    const caller = await requireImportCaller(c, db);
    const id = c.req.param('id');
    if (!isUuid(id)) throw notFound('Deze import bestaat niet.');
    const run = await ownRuns(caller.gemeenteCode).where('import_id', '=', id)
      .select(['import_id', 'started_at', 'finished_at', 'source', 'username', 'files_total', 'files_accepted', 'files_rejected', 'files_duplicate']).executeTakeFirst();
    if (!run) throw notFound('Deze import bestaat niet, of hoort niet bij jouw gemeente.');
    const status = c.req.query('status');
    if (status && !['accepted', 'rejected', 'duplicate'].includes(status)) throw badRequest('status moet accepted, rejected of duplicate zijn.');
    const { page, pageSize, offset } = paging(c, 100);
    let files = db.selectFrom('import_file').where('import_id', '=', id);
    if (status) files = files.where('status', '=', status as 'accepted');
    const [rows, count, open] = await Promise.all([
      files.select(['file_seq', 'file_name', 'source', 'status', 'message_type', 'gemeente_code', 'error_location', 'error_reason']).orderBy('file_seq').limit(pageSize).offset(offset).execute(),
      files.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      sql<{ n: number }>`select count(*)::int as n from quarantine_record where import_id = ${id} and gemeente_code = ${caller.gemeenteCode} and status = 'open'`.execute(db),
    ]);
    return c.json({
      import: {
        importId: run.import_id, startedAt: iso(run.started_at), finishedAt: iso(run.finished_at), via: run.source, username: run.username,
        files: run.files_total, accepted: run.files_accepted, rejected: run.files_rejected, duplicates: run.files_duplicate, quarantineOpen: open.rows[0]?.n ?? 0,
      },
      page, pageSize, total: Number(count.n),
      files: rows.map((f) => ({ seq: f.file_seq, name: f.file_name, source: f.source, status: f.status, messageType: f.message_type, gemeente: f.gemeente_code, location: f.error_location, reason: f.error_reason })),
    } satisfies ImportDetail);
  });

  return app;
}

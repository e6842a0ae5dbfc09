/** OpenAPI 3.1 paths of the import API (imports, quarantine, sources, mappings); merged into openapi.ts. */
const err = { $ref: '#/components/schemas/Error' };
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errors = {
  400: { description: 'invalid request', content: json(err) },
  401: { description: 'not logged in, or an invalid/revoked API token', content: json(err) },
  403: { description: 'role may not import (beheerder and analist may), or CSRF check failed', content: json(err) },
};
const notFound = { 404: { description: 'not found in the caller\'s gemeente', content: json(err) } };
const id = (description: string) => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });
const page = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
];
const web = [{ session: [], csrf: [] }];
const webOrToken = [{ session: [], csrf: [] }, { bearer: [] }];

const fileResult = {
  type: 'object',
  required: ['name', 'status', 'messageType', 'gemeente', 'location', 'reason'],
  properties: {
    name: { type: 'string', description: 'file name; zip entries as "archive.zip!path/file.xml"' },
    source: { type: ['string', 'null'], description: "'istandaarden', a reference source (wijken, postcodes, bevolking, contracten) or a tabular source" },
    status: { enum: ['accepted', 'rejected', 'duplicate'] },
    messageType: { type: ['string', 'null'], examples: ['WMO301', 'JW305', 'bevolking'] },
    gemeente: { type: ['string', 'null'] },
    location: { type: ['string', 'null'], description: 'element path with line, or "regel N"' },
    reason: { type: ['string', 'null'], description: 'why the file was rejected or marked duplicate (Dutch)' },
    rows: { type: 'integer', description: 'tabular files: rows read' },
    quarantined: { type: 'integer', description: 'tabular files: rows put in quarantine' },
  },
};
const importSummary = {
  type: 'object',
  required: ['importId', 'accepted', 'rejected', 'duplicates', 'files'],
  properties: {
    importId: { type: 'string', format: 'uuid' },
    importIds: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'the runs: one for areas, tables and unrecognised files (when there are areas or tables), one for messages' },
    accepted: { type: 'integer' }, rejected: { type: 'integer' }, duplicates: { type: 'integer' }, seconds: { type: 'number' },
    files: { type: 'array', items: { $ref: '#/components/schemas/ImportFileResult' } },
  },
};
const run = {
  type: 'object',
  properties: {
    importId: { type: 'string', format: 'uuid' }, startedAt: { type: 'string', format: 'date-time' }, finishedAt: { type: ['string', 'null'], format: 'date-time' },
    via: { enum: ['web', 'api', 'cli', 'demo', 'test'] }, username: { type: ['string', 'null'], description: 'account, or "token:<name>" for an API token' },
    files: { type: 'integer' }, accepted: { type: 'integer' }, rejected: { type: 'integer' }, duplicates: { type: 'integer' },
  },
};
const quarantineRecord = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' }, importId: { type: ['string', 'null'], format: 'uuid' }, fileName: { type: 'string' }, source: { type: 'string' },
    location: { type: ['string', 'null'] }, field: { type: ['string', 'null'] }, reason: { type: 'string' }, status: { enum: ['open', 'resolved', 'ignored'] },
    createdAt: { type: 'string', format: 'date-time' }, resolvedAt: { type: ['string', 'null'], format: 'date-time' }, resolvedBy: { type: ['string', 'null'] },
    resolvedImportId: { type: ['string', 'null'], format: 'uuid', description: 'the import that took in the corrected record (re-imported from quarantine)' },
    hasRecord: { type: 'boolean', description: 'a pseudonymised tabular record is kept for this entry (GET /api/quarantine/{id} shows it)' },
  },
};
const quarantineDetail = {
  type: 'object',
  description: 'One entry with its pseudonymised record as fields. Quarantine keeps no BSN, client number or house number: the person is only a pseudonym, which is never sent.',
  properties: {
    id: { type: 'string', format: 'uuid' }, importId: { type: ['string', 'null'], format: 'uuid' }, fileName: { type: 'string' }, source: { type: 'string' }, sourceLabel: { type: ['string', 'null'] },
    location: { type: ['string', 'null'] }, field: { type: ['string', 'null'] }, reason: { type: 'string' }, status: { enum: ['open', 'resolved', 'ignored'] },
    resolvedImportId: { type: ['string', 'null'], format: 'uuid' },
    editable: { type: 'boolean' }, notEditable: { type: ['string', 'null'], description: 'why it can not be corrected here (Dutch)' },
    person: { enum: ['none', 'pseudonym', 'missing'], description: 'pseudonym: the record keeps its person; missing: a BSN or client number must be given to re-import it' },
    fields: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' }, required: { type: 'boolean' }, description: { type: 'string' }, codes: { type: 'object' }, value: { type: ['string', 'null'] }, problem: { type: ['string', 'null'] } } } },
    otherProblems: { type: 'array', items: { type: 'string' } },
  },
};
const reimportBody = {
  type: 'object', required: ['values'], additionalProperties: false,
  properties: {
    values: { type: 'object', additionalProperties: { type: ['string', 'null'], maxLength: 500 }, description: 'corrected values per field (Koers format, dates YYYY-MM-DD); fields left out keep their value' },
    bsn: { type: ['string', 'null'], description: 'only when person is "missing": pseudonymised on the way in, never stored, logged or returned' },
    clientnummer: { type: ['string', 'null'], description: 'only when person is "missing", instead of a BSN' },
  },
};
const reimportAnswer = {
  type: 'object',
  properties: {
    outcome: { enum: ['imported', 'rejected'] },
    importId: { type: 'string', format: 'uuid', description: 'imported: the new import (the entry is resolved with a link to it)' },
    changed: { type: 'array', items: { type: 'string' }, description: 'names of the fields that were changed' },
    reason: { type: 'string', description: 'rejected: the new reason; nothing was stored and the entry stays open' },
    problems: { type: 'array', items: { type: 'object', properties: { field: { type: ['string', 'null'] }, reason: { type: 'string' } } } },
    record: { $ref: '#/components/schemas/QuarantineRecordDetail' },
  },
};
const mapping = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, source: { type: 'string' },
    definition: { type: 'object', description: 'the mapping (target column → source column or constant, value map, date format), validated by the tabular module' },
    updatedBy: { type: ['string', 'null'] }, updatedAt: { type: 'string', format: 'date-time' },
  },
};
const mappingBody = { type: 'object', required: ['name', 'source', 'definition'], properties: { name: { type: 'string', maxLength: 100 }, source: { type: 'string' }, definition: { type: 'object' } } };
const source = {
  type: 'object',
  properties: {
    id: { type: 'string' }, label: { type: 'string' }, description: { type: 'string' }, personLevel: { type: 'boolean' },
    columns: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' }, required: { type: 'boolean' }, description: { type: 'string' }, codes: { type: 'object' } } } },
  },
};

export const importApiSchemas = { ImportFileResult: fileResult, ImportSummary: importSummary, ImportRun: run, QuarantineRecord: quarantineRecord, QuarantineRecordDetail: quarantineDetail, QuarantineReimport: reimportAnswer, Mapping: mapping, TabularSource: source };

export const importApiSecuritySchemes = {
  session: { type: 'apiKey', in: 'cookie', name: 'koers_session', description: 'session cookie from POST /api/auth/login' },
  csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'csrfToken from /api/auth/session; required with the session cookie on every non-GET request' },
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'koers_…', description: 'API token for automated feeds (scope import), made with `koers tokens add <name> --gemeente G`; only its SHA-256 is stored' },
};

export function importApiPaths() {
  return {
    '/api/imports': {
      post: {
        summary: 'Import files (iWmo/iJw messages, reference files, or a tabular source) for the caller\'s gemeente',
        description: 'Multipart (one or more parts named `files`) or one raw body (application/xml, application/zip or text/csv with ?name=). Body limit 200 MB. Files of another gemeente are rejected per file, never imported. Audited.',
        security: webOrToken,
        parameters: [
          { name: 'source', in: 'query', description: 'a tabular source id (GET /api/sources); omit or "auto" for iWmo/iJw XML/zip and reference files', schema: { type: 'string', default: 'auto' } },
          { name: 'mapping', in: 'query', description: 'saved mapping id for the tabular source', schema: { type: 'string', format: 'uuid' } },
          { name: 'name', in: 'query', description: 'file name for a raw body', schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } } } } },
            'application/xml': { schema: { type: 'string' } },
            'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        responses: { 200: { description: 'per-file summary (as the CLI prints it)', content: json({ $ref: '#/components/schemas/ImportSummary' }) }, ...errors, 413: { description: 'upload larger than 200 MB', content: json(err) } },
      },
      get: {
        summary: 'Import history of the caller\'s gemeente, newest first',
        security: webOrToken,
        parameters: page,
        responses: { 200: { description: 'runs', content: json({ type: 'object', properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' }, imports: { type: 'array', items: { $ref: '#/components/schemas/ImportRun' } } } }) }, ...errors },
      },
    },
    '/api/imports/{id}': {
      get: {
        summary: 'One import with its per-file results',
        security: webOrToken,
        parameters: [id('import id'), { name: 'status', in: 'query', schema: { enum: ['accepted', 'rejected', 'duplicate'] } }, ...page],
        responses: {
          200: { description: 'run and files', content: json({ type: 'object', properties: { import: { allOf: [{ $ref: '#/components/schemas/ImportRun' }, { type: 'object', properties: { quarantineOpen: { type: 'integer' } } }] }, page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' }, files: { type: 'array', items: { $ref: '#/components/schemas/ImportFileResult' } } } }) },
          ...errors, ...notFound,
        },
      },
    },
    '/api/quarantine': {
      get: {
        summary: 'Rejected files and records of the caller\'s gemeente',
        security: web,
        parameters: [
          { name: 'status', in: 'query', schema: { enum: ['open', 'resolved', 'ignored', 'all'], default: 'open' } },
          { name: 'source', in: 'query', schema: { type: 'string' } },
          ...page,
        ],
        responses: {
          200: { description: 'records, with counts per status and the sources present', content: json({ type: 'object', properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, total: { type: 'integer' }, sources: { type: 'array', items: { type: 'string' } }, counts: { type: 'object', properties: { open: { type: 'integer' }, resolved: { type: 'integer' }, ignored: { type: 'integer' } } }, records: { type: 'array', items: { $ref: '#/components/schemas/QuarantineRecord' } } } }) },
          ...errors,
        },
      },
    },
    '/api/quarantine/{id}': {
      get: { summary: 'One quarantine entry with its pseudonymised record as fields (beheerder, analist)', security: web, parameters: [id('quarantine id')], responses: { 200: { description: 'entry', content: json({ $ref: '#/components/schemas/QuarantineRecordDetail' }) }, ...errors, ...notFound } },
    },
    '/api/quarantine/{id}/reimport': {
      post: {
        summary: 'Correct a quarantined tabular record and import it again (beheerder, analist)',
        description: 'The record (with the corrections) is imported as a one-record table in the source\'s Koers format through the normal tabular importer, for the caller\'s gemeente, with the same checks as a file. The person stays the same: the server uses the pseudonym kept in quarantine (a BSN or client number is only accepted when the record has no person). Imported: the entry is resolved with a link to the new import. Refused: nothing is stored, the entry stays open and the answer gives the new reason. Audited (field names, never values).',
        security: web,
        parameters: [id('quarantine id')],
        requestBody: { required: true, content: json(reimportBody) },
        responses: {
          200: { description: 'outcome (imported or rejected) and the entry as it is now', content: json({ $ref: '#/components/schemas/QuarantineReimport' }) },
          ...errors, ...notFound,
          409: { description: 'the entry is not open, or is a whole-file error that can not be corrected here', content: json(err) },
        },
      },
    },
    '/api/quarantine/{id}/resolve': { post: { summary: 'Mark a quarantine entry as solved (records who and when)', security: web, parameters: [id('quarantine id')], responses: { 200: { description: 'new status' }, ...errors, ...notFound } } },
    '/api/quarantine/{id}/ignore': { post: { summary: 'Mark a quarantine entry as ignored (records who and when)', security: web, parameters: [id('quarantine id')], responses: { 200: { description: 'new status' }, ...errors, ...notFound } } },
    '/api/sources': { get: { summary: 'Tabular sources Koers can read besides iWmo/iJw, with their target columns', security: web, responses: { 200: { description: 'sources', content: json({ type: 'object', properties: { sources: { type: 'array', items: { $ref: '#/components/schemas/TabularSource' } } } }) }, 401: errors[401] } } },
    '/api/mappings': {
      get: { summary: 'Saved mappings of the caller\'s gemeente', security: web, parameters: [{ name: 'source', in: 'query', schema: { type: 'string' } }], responses: { 200: { description: 'mappings', content: json({ type: 'object', properties: { mappings: { type: 'array', items: { $ref: '#/components/schemas/Mapping' } } } }) }, ...errors } },
      post: { summary: 'Save a mapping under a name', security: web, requestBody: { required: true, content: json(mappingBody) }, responses: { 201: { description: 'saved', content: json({ $ref: '#/components/schemas/Mapping' }) }, ...errors } },
    },
    '/api/mappings/{id}': {
      get: { summary: 'One mapping', security: web, parameters: [id('mapping id')], responses: { 200: { description: 'mapping', content: json({ $ref: '#/components/schemas/Mapping' }) }, ...errors, ...notFound } },
      put: { summary: 'Change a mapping', security: web, parameters: [id('mapping id')], requestBody: { required: true, content: json(mappingBody) }, responses: { 200: { description: 'saved', content: json({ $ref: '#/components/schemas/Mapping' }) }, ...errors, ...notFound } },
      delete: { summary: 'Delete a mapping', security: web, parameters: [id('mapping id')], responses: { 204: { description: 'deleted' }, ...errors, ...notFound } },
    },
    '/api/mappings/preview': {
      post: {
        summary: 'Read a sample file with a mapping: headers and the first rows as they will be imported, with problems per field',
        description: 'Without a mapping the default mapping for the file\'s headers is used (and returned). Body limit 25 MB.',
        security: web,
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file', 'source'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' }, source: { type: 'string' }, mapping: { type: 'string', description: 'mapping as JSON text' }, limit: { type: 'integer', maximum: 100 } } } } } },
        responses: {
          200: { description: 'preview', content: json({ type: 'object', properties: { fileName: { type: 'string' }, source: { type: 'string' }, headers: { type: 'array', items: { type: 'string' } }, sheets: { type: ['array', 'null'], items: { type: 'string' } }, mapping: { type: 'object' }, rows: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, values: { type: 'object' }, errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } } } } } } }) },
          ...errors,
        },
      },
    },
  };
}

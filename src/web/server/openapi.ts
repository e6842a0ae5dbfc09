import { importApiPaths, importApiSchemas, importApiSecuritySchemes } from './routes/openapi-imports.js';

/** OpenAPI 3.1 description of the Koers API (served at /api/openapi.json). */
export function openApiDocument() {
  const err = { $ref: '#/components/schemas/Error' };
  const row = {
    type: 'object',
    required: ['id', 'version', 'period', 'periodType', 'gemeente', 'area', 'numerator', 'denominator', 'value', 'unit', 'status', 'suppressed'],
    properties: {
      id: { type: 'string' }, version: { type: 'integer' }, period: { type: 'string', examples: ['2024', '2024-Q1'] }, periodType: { enum: ['year', 'halfyear', 'quarter', 'month'] },
      gemeente: { type: 'string' }, area: { type: 'string' }, areaName: { type: 'string' }, breakdown: { type: 'object', additionalProperties: { type: 'string' } },
      numerator: { type: ['number', 'null'] }, denominator: { type: ['number', 'null'] }, value: { type: ['number', 'null'] }, unit: { type: 'string' },
      status: { enum: ['provisional', 'final'] }, suppressed: { type: 'boolean' }, computedAt: { type: 'string', format: 'date-time' },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Koers API', version: '0.1.0', description: 'Sturen op maatschappelijk resultaat in het sociaal domein. Session cookie auth; state-changing calls need the x-csrf-token header from /api/auth/session.' },
    paths: {
      '/api/health': { get: { summary: 'Health check', responses: { 200: { description: 'ok' } } } },
      '/api/auth/demo-hint': { get: { summary: 'Login hint in demo mode', responses: { 200: { description: 'hint' } } } },
      '/api/auth/login': { post: { summary: 'Log in', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { 200: { description: 'session' }, 401: { description: 'invalid credentials', content: { 'application/json': { schema: err } } }, 429: { description: 'too many attempts' } } } },
      '/api/auth/session': { get: { summary: 'Current session', responses: { 200: { description: 'session' }, 401: { description: 'not logged in' } } } },
      '/api/auth/logout': { post: { summary: 'Log out', responses: { 204: { description: 'logged out' } } } },
      '/api/indicators': { get: { summary: 'Indicator catalogue', responses: { 200: { description: 'definitions' } } } },
      '/api/indicators/{id}/values': {
        get: {
          summary: 'Computed values (disclosure control applied for every role except analist)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'periodType', in: 'query', schema: { enum: ['year', 'halfyear', 'quarter', 'month'], default: 'year' } },
            { name: 'by', in: 'query', schema: { enum: ['wijk'] } },
            { name: 'period', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'rows', content: { 'application/json': { schema: { type: 'object', properties: { rows: { type: 'array', items: row } } } } } }, 404: { description: 'unknown indicator', content: { 'application/json': { schema: err } } } },
        },
      },
      '/api/indicators/{id}/persons': { get: { summary: 'Pseudonymous trajectories behind a value (analist only, audited)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'period', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'trajectories' }, 403: { description: 'not allowed' } } } },
      ...importApiPaths(),
      '/api/areas': { get: { summary: 'Wijk boundaries as GeoJSON', parameters: [{ name: 'level', in: 'query', schema: { enum: ['wijk'] } }], responses: { 200: { description: 'FeatureCollection' } } } },
    },
    components: { securitySchemes: importApiSecuritySchemes, schemas: { ...importApiSchemas, Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } } },
  };
}

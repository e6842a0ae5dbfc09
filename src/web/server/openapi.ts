import { importApiPaths, importApiSchemas, importApiSecuritySchemes } from './routes/openapi-imports.js';
import { DIMENSIONS } from '../../indicators/definition.js';
import { monitorApiPaths, monitorApiSchemas } from './routes/openapi-monitor.js';
import { peerApiPaths, peerApiSchemas } from './routes/openapi-peers.js';
import { frameworkApiPaths, frameworkApiSchemas } from './routes/openapi-frameworks.js';
import { curveApiPaths, curveApiSchemas } from './routes/openapi-curve.js';
import { segmentApiPaths, segmentApiSchemas } from './routes/openapi-segments.js';
import { z } from 'zod';
import { ownIndicatorSchema } from '../../indicators/custom.js';

/** The own-indicator definition schema, from the same zod schema the server validates with. */
function ownIndicatorJsonSchema() {
  const { $schema: _s, ...schema } = z.toJSONSchema(ownIndicatorSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, description: 'An own indicator from the catalogue building blocks (docs/ARCHITECTURE.md, Indicator engine).' };
}

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
            { name: 'by', in: 'query', schema: { enum: [...DIMENSIONS] } },
            { name: 'period', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'rows', content: { 'application/json': { schema: { type: 'object', properties: { rows: { type: 'array', items: row } } } } } }, 404: { description: 'unknown indicator', content: { 'application/json': { schema: err } } } },
        },
      },
      '/api/own-indicators': { get: { summary: "The gemeente's own indicators (latest versions)", responses: { 200: { description: 'definitions' } } } },
      '/api/own-indicators/preview': { post: { summary: 'Compute an own indicator definition for the latest periods without saving (beleid, analist, beheerder)', parameters: [{ name: 'periodType', in: 'query', schema: { enum: ['year', 'halfyear', 'quarter', 'month'], default: 'year' } }], requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/OwnIndicator' } } } }, responses: { 200: { description: 'disclosed rows as /values' }, 400: { description: 'what is wrong with the definition (Dutch)', content: { 'application/json': { schema: err } } }, 403: { description: 'role may not define indicators' } } } },
      '/api/own-indicators/building-blocks': { get: { summary: 'Building blocks of an own indicator with Dutch labels: facts (fields, breakdowns, boundaries), boundaries, counts, operators, groups, polarities; mayDefine for the role', responses: { 200: { description: 'building blocks' } } } },
      '/api/own-indicators/{id}': {
        get: { summary: 'One own indicator with its stored definition (input as PUT takes it), to edit it', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'indicator and input' }, 404: { description: 'unknown', content: { 'application/json': { schema: err } } } } },
        put: { summary: 'Save an own indicator; a changed definition becomes a new version (audited) and is computed at once', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^eigen_[a-z0-9_]{3,40}$' } }], requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/OwnIndicator' } } } }, responses: { 201: { description: 'new version saved' }, 200: { description: 'unchanged' }, 400: { description: 'invalid definition', content: { 'application/json': { schema: err } } }, 403: { description: 'not allowed' } } },
        delete: { summary: 'Archive an own indicator (audited; its history stays)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 204: { description: 'archived' }, 404: { description: 'unknown' } } },
      },
      '/api/indicators/{id}/persons': { get: { summary: 'Pseudonymous trajectories behind a value (analist only, audited)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'period', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'trajectories' }, 403: { description: 'not allowed' } } } },
      ...importApiPaths(),
      ...monitorApiPaths(),
      ...peerApiPaths(),
      ...frameworkApiPaths(),
      ...curveApiPaths(),
      ...segmentApiPaths(),
      '/api/areas': { get: { summary: 'Wijk boundaries as GeoJSON', parameters: [{ name: 'level', in: 'query', schema: { enum: ['wijk'] } }], responses: { 200: { description: 'FeatureCollection' } } } },
    },
    components: { securitySchemes: importApiSecuritySchemes, schemas: { ...importApiSchemas, ...monitorApiSchemas, ...peerApiSchemas, ...frameworkApiSchemas, ...curveApiSchemas, ...segmentApiSchemas, OwnIndicator: ownIndicatorJsonSchema(), Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } } },
  };
}

import { DIMENSIONS } from '../../../indicators/definition.js';

/** OpenAPI paths and schemas of routes/monitor.ts (overview, targets, export, wijk profile). */
const err = { $ref: '#/components/schemas/Error' };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Indicator id from GET /api/indicators' };
const periodType = { name: 'periodType', in: 'query', schema: { enum: ['year', 'halfyear', 'quarter', 'month'], default: 'year' } };

export const monitorApiSchemas = {
  MonitorPoint: {
    type: 'object', description: 'One disclosed value (null and suppressed=true when too small to publish).',
    properties: {
      period: { type: 'string' }, value: { type: ['number', 'null'] }, numerator: { type: ['number', 'null'] }, denominator: { type: ['number', 'null'] },
      status: { enum: ['provisional', 'final'] }, suppressed: { type: 'boolean' },
    },
  },
  IndicatorState: {
    type: 'object', description: 'no_data: the sources in `missing` (Dutch names) have not been imported; show "geen gegevens", never 0.',
    properties: { status: { enum: ['ok', 'no_data', 'not_computed'] }, missing: { type: 'array', items: { type: 'string' } }, dataUntil: { type: ['string', 'null'], format: 'date' }, computedAt: { type: ['string', 'null'], format: 'date-time' } },
  },
  IndicatorSummary: {
    type: 'object',
    properties: {
      id: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' }, unit: { type: 'string' }, polarity: { enum: ['up', 'down', 'context'] },
      band: { type: ['array', 'null'], items: { type: 'number' } }, group: { enum: ['population', 'how_much', 'how_well', 'better_off'] }, source: { type: 'string' },
      periodTypes: { type: 'array', items: { type: 'string' } }, breakdowns: { type: 'array', items: { enum: [...DIMENSIONS] } }, followUpDays: { type: ['integer', 'null'] },
    },
  },
  TargetRef: {
    type: ['object', 'null'],
    properties: { year: { type: 'integer' }, area: { type: ['string', 'null'] }, areaName: { type: ['string', 'null'] }, target: { type: ['number', 'null'] }, baseline: { type: ['number', 'null'] }, note: { type: ['string', 'null'] } },
  },
  IndicatorTarget: {
    type: 'object', required: ['year'],
    properties: {
      year: { type: 'integer', minimum: 2000, maximum: 2100 }, area: { type: ['string', 'null'], description: 'Wijk code; null or absent = the whole gemeente' },
      areaName: { type: ['string', 'null'], readOnly: true }, target: { type: ['number', 'null'], description: 'Streefwaarde' }, baseline: { type: ['number', 'null'], description: 'Nulmeting' },
      note: { type: ['string', 'null'], maxLength: 500 }, setBy: { type: 'string', readOnly: true }, setAt: { type: 'string', format: 'date-time', readOnly: true },
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const direction = { enum: ['better', 'worse', 'same', 'neutral', null], description: 'Against the polarity (neutral: context indicator without a good direction). Values equal at one decimal are "same".' };

export function monitorApiPaths() {
  return {
    '/api/monitor/overview': {
      get: {
        summary: 'Monitor overview: every indicator\'s latest gemeente value, previous value, sparkline, state, target and direction (one call)',
        description: 'Disclosure control as for /values. For a role other than analist the answer has an ETag and Cache-Control: private, no-cache (If-None-Match → 304). An indicator without the requested periodType is shown in year (or its first period type); its own `periodType` says which.',
        parameters: [periodType],
        responses: {
          200: {
            description: 'overview',
            content: { 'application/json': { schema: { type: 'object', properties: {
              periodType: { type: 'string' }, suppressionProfile: { enum: ['none', 'default'] }, mayEditTargets: { type: 'boolean' },
              indicators: { type: 'array', items: { type: 'object', properties: {
                indicator: ref('IndicatorSummary'), periodType: { type: 'string' }, state: ref('IndicatorState'),
                latest: { oneOf: [ref('MonitorPoint'), { type: 'null' }] }, previous: { oneOf: [ref('MonitorPoint'), { type: 'null' }] },
                sparkline: { type: 'array', maxItems: 8, items: { type: 'object', properties: { period: { type: 'string' }, value: { type: ['number', 'null'] }, status: { enum: ['provisional', 'final'] } } } },
                change: { enum: ['up', 'down', 'same', null] }, direction, target: ref('TargetRef'), targetMet: { type: ['boolean', 'null'] }, computedAt: { type: ['string', 'null'] },
              } } },
            } } } },
          },
          304: { description: 'not modified (If-None-Match)' },
          400: { description: 'bad periodType', content: { 'application/json': { schema: err } } },
        },
      },
    },
    '/api/indicators/{id}/targets': {
      get: {
        summary: 'Targets (streefwaarden) and baselines (nulmetingen) of an indicator, per year and optionally wijk',
        parameters: [id],
        responses: { 200: { description: 'targets', content: { 'application/json': { schema: { type: 'object', properties: { indicator: { type: 'string' }, mayEdit: { type: 'boolean' }, targets: { type: 'array', items: ref('IndicatorTarget') } } } } } }, 404: { description: 'unknown indicator', content: { 'application/json': { schema: err } } } },
      },
      put: {
        summary: 'Replace all targets and baselines of an indicator (roles beleid and beheerder; audited as indicator_targets)',
        description: 'The body is the complete set: entries not in it are removed. One entry per year and area; each needs a target or a baseline; percentages lie between 0 and 100; an area must be a wijk of the gemeente and the indicator must have a wijk breakdown. Needs the x-csrf-token header.',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['targets'], properties: { targets: { type: 'array', maxItems: 500, items: ref('IndicatorTarget') } } } } } },
        responses: {
          200: { description: 'the stored targets, with counts added/changed/removed' },
          400: { description: 'invalid targets (Dutch message)', content: { 'application/json': { schema: err } } },
          403: { description: 'role may not set targets', content: { 'application/json': { schema: err } } },
          404: { description: 'unknown indicator', content: { 'application/json': { schema: err } } },
        },
      },
    },
    '/api/indicators/{id}/export': {
      get: {
        summary: 'Download exactly the rows of /values for the same periodType, by and period (disclosure applied; audited as indicator_export)',
        description: 'Columns: id, version, period, gemeente, area, areaName, breakdown (dim=value, several joined with &), numerator, denominator, value, unit, status, suppressed. CSV is written for Dutch Excel: UTF-8 with BOM, `;` as separator, decimal comma, CRLF; suppressed values are empty. XLSX has a sheet "Cijfers" (numbers as numbers) and a sheet "Toelichting".',
        parameters: [
          id,
          { name: 'format', in: 'query', schema: { enum: ['csv', 'xlsx'], default: 'csv' } },
          periodType,
          { name: 'by', in: 'query', schema: { enum: [...DIMENSIONS] } },
          { name: 'period', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'file download', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
          400: { description: 'bad format, period or breakdown', content: { 'application/json': { schema: err } } },
          404: { description: 'unknown indicator', content: { 'application/json': { schema: err } } },
        },
      },
    },
    '/api/wijken/{code}/profile': {
      get: {
        summary: 'Wijk profile: every indicator with a wijk breakdown for one wijk beside the gemeente total',
        description: 'Without `period` each indicator shows its latest period. Disclosure and caching as the overview.',
        parameters: [
          { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'Wijk code (area code of level wijk)' },
          periodType,
          { name: 'period', in: 'query', schema: { type: 'string' }, description: 'A period of the given periodType, e.g. 2024' },
        ],
        responses: {
          200: {
            description: 'profile',
            content: { 'application/json': { schema: { type: 'object', properties: {
              wijk: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
              gemeente: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
              periodType: { type: 'string' }, period: { type: ['string', 'null'] }, periods: { type: 'array', items: { type: 'string' } }, suppressionProfile: { enum: ['none', 'default'] },
              indicators: { type: 'array', items: { type: 'object', properties: {
                indicator: ref('IndicatorSummary'), state: ref('IndicatorState'), period: { type: ['string', 'null'] },
                wijk: { oneOf: [ref('MonitorPoint'), { type: 'null' }] }, gemeente: { oneOf: [ref('MonitorPoint'), { type: 'null' }] },
                comparison: { type: ['object', 'null'], properties: { change: { enum: ['higher', 'lower', 'same'] }, direction } },
                trend: { type: 'array', items: { type: 'object', properties: { period: { type: 'string' }, value: { type: ['number', 'null'] }, status: { type: 'string' } } } },
                target: ref('TargetRef'),
              } } },
            } } } },
          },
          304: { description: 'not modified' },
          400: { description: 'bad period', content: { 'application/json': { schema: err } } },
          404: { description: 'unknown wijk', content: { 'application/json': { schema: err } } },
        },
      },
    },
  };
}

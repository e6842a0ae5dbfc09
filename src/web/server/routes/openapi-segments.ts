/** OpenAPI paths and schemas of routes/segments.ts (the 80/15/5 pyramid, flows, draagkracht, stapeling). */
const err = { $ref: '#/components/schemas/Error' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const figure = { type: 'object', properties: { persons: { type: ['integer', 'null'], description: 'Rounded to 5 except for an analist; null when suppressed' }, suppressed: { type: 'boolean' } } };
const segment = { enum: ['zelfredzaam', 'licht', 'kwetsbaar'] };
const periodParams = [
  { name: 'periodType', in: 'query', schema: { enum: ['year', 'halfyear', 'quarter'], default: 'year' } },
  { name: 'period', in: 'query', schema: { type: 'string', examples: ['2025', '2025-H1', '2025-Q2'] }, description: 'For flows: the second period (P2); absent = the latest' },
  { name: 'area', in: 'query', schema: { type: 'string', examples: ['GM9001', 'WK900100'] }, description: 'GM<code> = the whole gemeente (default) or a wijk code' },
];
const ok = (schema: string) => ({
  200: { description: 'disclosed figures (only an analist gets unsuppressed ones)', content: { 'application/json': { schema: ref(schema) } } },
  400: { description: 'invalid parameters', content: { 'application/json': { schema: err } } }, 401: { description: 'not logged in' },
});

export const segmentApiSchemas = {
  SegmentConfig: {
    type: 'object', required: ['minLaws', 'residential', 'zrmMonths', 'zrmMaxScore', 'target'],
    description: 'Thresholds of the segment rules and the vision\'s target (docs/segments.md). Defaults: 2 laws, residential counts, ZRM of the last 12 months at most 2 on a basisvoorwaarde, target 80/15/5.',
    properties: {
      minLaws: { type: 'integer', minimum: 1, maximum: 4, description: 'kwetsbaar: provisions under at least this many laws in the period' },
      residential: { type: 'boolean', description: 'kwetsbaar: any residential provision (verblijf, beschermd wonen)' },
      zrmMonths: { type: 'integer', minimum: 1, maximum: 60, description: 'the latest ZRM within this many months up to the end of the period counts' },
      zrmMaxScore: { type: 'integer', minimum: 1, maximum: 4, description: 'kwetsbaar: a basisvoorwaarde scores at most this' },
      target: { type: 'object', description: 'percentages adding up to 100', properties: { zelfredzaam: { type: 'number' }, licht: { type: 'number' }, kwetsbaar: { type: 'number' } } },
      custom: { type: 'boolean', readOnly: true }, setBy: { type: ['string', 'null'], readOnly: true }, setAt: { type: ['string', 'null'], readOnly: true }, mayEdit: { type: 'boolean', readOnly: true },
    },
  },
  SegmentPyramid: {
    type: 'object',
    properties: {
      target: { type: 'object', additionalProperties: { type: 'number' } }, periods: { type: 'array', items: { type: 'string' } },
      wijken: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } } },
      rows: { type: 'array', items: { type: 'object', properties: {
        period: { type: 'string' }, area: { type: 'string' }, areaName: { type: 'string' }, inhabitants: { type: ['number', 'null'] }, status: { enum: ['provisional', 'final', null] },
        segments: { type: 'object', description: 'per segment', additionalProperties: { type: 'object', properties: { share: { type: ['number', 'null'], description: '% of inhabitants' }, persons: { type: ['number', 'null'] }, suppressed: { type: 'boolean' }, target: { type: 'number' } } } },
      } } },
      suppressionProfile: { enum: ['none', 'default'] },
    },
  },
  SegmentFlows: {
    type: 'object',
    properties: {
      pairs: { type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } } },
      table: { type: ['object', 'null'], description: 'null when there are no flows for the period or area', properties: {
        from: { type: 'string' }, to: { type: 'string' }, area: { type: 'string' }, areaName: { type: 'string' },
        cells: { type: 'array', items: { type: 'object', properties: { from: { enum: ['instroom', 'zelfredzaam', 'licht', 'kwetsbaar'] }, to: { enum: ['zelfredzaam', 'licht', 'kwetsbaar', 'vertrokken', 'overleden'] }, persons: { type: ['integer', 'null'] }, suppressed: { type: 'boolean' }, direction: { enum: ['lichter', 'zwaarder', 'gelijk', null] } } } },
        fromTotals: { type: 'object', additionalProperties: figure, description: 'row sums: persons per segment in P1' }, toTotals: { type: 'object', additionalProperties: figure, description: 'column sums: persons per segment in P2' }, total: figure,
        summary: { type: 'object', description: 'sums over published cells; null when a part is suppressed', properties: { lichter: { type: ['integer', 'null'] }, zwaarder: { type: ['integer', 'null'] }, gelijk: { type: ['integer', 'null'] }, instroom: { type: ['integer', 'null'] }, uitstroom: { type: ['integer', 'null'] } } },
        published: { type: 'object', description: 'the same sums over the published cells only, as published (rounded for roles other than analist); where a part has suppressed cells, they are left out', properties: { lichter: { type: 'integer' }, zwaarder: { type: 'integer' }, gelijk: { type: 'integer' }, instroom: { type: 'integer' }, uitstroom: { type: 'integer' } } },
      } },
      suppressionProfile: { enum: ['none', 'default'] },
    },
  },
  SegmentDraagkracht: {
    type: 'object',
    properties: {
      periods: { type: 'array', items: { type: 'string' } }, period: { type: ['string', 'null'] }, area: { type: 'string' },
      rows: { type: 'array', items: { type: 'object', properties: {
        segment: { enum: ['alle', 'zelfredzaam', 'licht', 'kwetsbaar'] }, persons: figure,
        balance: { type: 'object', description: 'persons with more strong (4-5) than weak (1-2) domains (sterk), as many (gelijk), more weak (zwak)', additionalProperties: figure },
        basis: { type: 'object', description: 'persons per basisvoorwaarde not in order, with the share of the segment in %', additionalProperties: { type: 'object', properties: { persons: { type: ['integer', 'null'] }, suppressed: { type: 'boolean' }, share: { type: ['number', 'null'] } } } },
        meanStrong: { type: ['number', 'null'] }, meanWeak: { type: ['number', 'null'] },
      } } },
      suppressionProfile: { enum: ['none', 'default'] },
    },
  },
  SegmentStapeling: {
    type: 'object',
    properties: {
      area: { type: 'string' },
      rows: { type: 'array', items: { type: 'object', properties: {
        period: { type: 'string' }, total: figure, counts: { type: 'object', description: 'households by number of provisions: 1, 2, 3, 4+', additionalProperties: figure },
        combos: { type: 'array', items: { type: 'object', properties: { combo: { type: 'string', examples: ['jeugd+wmo'] }, households: figure } } },
      } } },
      suppressionProfile: { enum: ['none', 'default'] },
    },
  },
};

export function segmentApiPaths() {
  return {
    '/api/segments/pyramid': { get: { summary: 'The pyramid: share of inhabitants zelfredzaam / licht / kwetsbaar per period and wijk against the target (from the segment_* indicators)', parameters: periodParams, responses: ok('SegmentPyramid') } },
    '/api/segments/flows': { get: { summary: 'Flows between segments from one period to the next (P1 → P2), per gemeente or wijk (of P2; of P1 for who left or died)', parameters: periodParams, responses: ok('SegmentFlows') } },
    '/api/segments/draagkracht': { get: { summary: 'Draagkracht/draaglast: persons with a ZRM per segment by balance of strong and weak domains and per basisvoorwaarde not in order', parameters: periodParams, responses: ok('SegmentDraagkracht') } },
    '/api/segments/stapeling': { get: { summary: 'Stapeling: households per year by number of provisions and combination of laws (periodType and period are ignored)', parameters: periodParams.slice(2), responses: ok('SegmentStapeling') } },
    '/api/segments/config': {
      get: { summary: 'The gemeente\'s segment thresholds and target', responses: { 200: { description: 'configuration', content: { 'application/json': { schema: ref('SegmentConfig') } } }, 401: { description: 'not logged in' } } },
      put: {
        summary: 'Set the thresholds and target (beleid and beheerder; audited as segment_config). Changed thresholds recompute the segment indicators and tables at once.',
        requestBody: { required: true, content: { 'application/json': { schema: ref('SegmentConfig') } } },
        responses: { 200: { description: 'stored configuration', content: { 'application/json': { schema: ref('SegmentConfig') } } }, 400: { description: 'invalid values', content: { 'application/json': { schema: err } } }, 403: { description: 'role may not change it', content: { 'application/json': { schema: err } } } },
      },
    },
    '/api/segments/export': {
      get: {
        summary: 'CSV or XLSX of exactly the figures of one part of the page (audited as segment_export)',
        parameters: [{ name: 'part', in: 'query', required: true, schema: { enum: ['pyramid', 'flows', 'draagkracht', 'stapeling'] } }, { name: 'format', in: 'query', schema: { enum: ['csv', 'xlsx'], default: 'csv' } }, ...periodParams],
        responses: { 200: { description: 'file', content: { 'text/csv': {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } }, 400: { description: 'invalid parameters', content: { 'application/json': { schema: err } } } },
      },
    },
  };
}

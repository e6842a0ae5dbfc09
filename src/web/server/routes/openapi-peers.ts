/** OpenAPI paths and schemas of routes/peers.ts (comparisons with CBS figures and chosen peers). */
const err = { $ref: '#/components/schemas/Error' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const peerApiSchemas = {
  ComparisonRow: {
    type: 'object', required: ['kind', 'label', 'value', 'source'],
    properties: {
      kind: { enum: ['eigen', 'cbs_eigen', 'land', 'provincie', 'grootteklasse_gemiddelde', 'grootteklasse_mediaan', 'peer'], description: 'eigen: the own Koers figure (disclosed with the caller\'s profile); cbs_eigen: the official CBS figure of the own gemeente; the rest are CBS figures.' },
      code: { type: ['string', 'null'], description: 'CBS region code (GM0363, PV27, NL01); null for a size-class average or median' },
      label: { type: 'string' }, value: { type: ['number', 'null'], description: 'null = no figure (not imported, unknown at CBS, or suppressed); never 0 for unknown' },
      count: { type: 'integer', description: 'Gemeenten with a CBS figure in the size class (average and median only)' },
      provisional: { type: 'boolean' }, suppressed: { type: 'boolean' }, source: { enum: ['koers', 'cbs'] }, sourceName: { type: 'string', description: 'The bron column of the imported figures (CBS by default)' },
    },
  },
  PeerComparison: {
    type: 'object',
    properties: {
      indicator: { type: 'string' }, unit: { type: 'string' }, period: { type: 'string' }, periods: { type: 'array', items: { type: 'string' }, description: 'Periods with CBS figures for this indicator, newest first' },
      comparable: { type: 'boolean', description: 'Whether the CBS publishes a figure for this indicator (source cbs_reference)' },
      hasReference: { type: 'boolean', description: 'Whether any CBS figure for this indicator has been imported' },
      message: { type: ['string', 'null'], description: 'Dutch; e.g. "Geen gegevens: importeer CBS-cijfers (bron cbs_reference)."' },
      gemeente: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, province: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' } } }, sizeClass: { type: ['object', 'null'], properties: { id: { type: 'string' }, label: { type: 'string' } } } } },
      rows: { type: 'array', items: ref('ComparisonRow') },
      official: {
        type: ['object', 'null'], description: 'Own figure against the official CBS figure of the own gemeente, with the difference explained (timing, definition, registration) in Dutch. No difference when the own figure is suppressed.',
        properties: { own: { type: ['number', 'null'] }, cbs: { type: 'number' }, difference: { type: ['number', 'null'] }, relative: { type: ['number', 'null'], description: 'Percent of the CBS figure' }, explanation: { type: 'array', items: { type: 'string' } } },
      },
      suppressionProfile: { enum: ['none', 'default'] }, mayEditPeers: { type: 'boolean' },
    },
  },
  PeerList: {
    type: 'object',
    properties: { peers: { type: 'array', items: { type: 'object', properties: { code: { type: 'string', examples: ['GM0363'] }, name: { type: 'string' } } } }, mayEdit: { type: 'boolean' }, max: { type: 'integer' } },
  },
};

export function peerApiPaths() {
  return {
    '/api/indicators/{id}/peers': {
      get: {
        summary: 'Comparison: the own figure beside Nederland, the province, similar-size gemeenten (average and median) and chosen peers (CBS figures from source cbs_reference)',
        description: 'The own figure comes from the same disclosed results as /values (only an analist sees unsuppressed figures). Similar-size gemeenten: the CBS size class of the gemeente by its population on 1-1-2023. Without imported CBS figures: rows has only the own figure and message says which source to import.',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'period', in: 'query', schema: { type: 'string', examples: ['2024', '2024-H1', '2024JJ00'] }, description: 'Absent: the newest year with CBS figures' },
        ],
        responses: { 200: { description: 'comparison', content: { 'application/json': { schema: ref('PeerComparison') } } }, 400: { description: 'invalid period', content: { 'application/json': { schema: err } } }, 401: { description: 'not logged in' }, 404: { description: 'unknown indicator' } },
      },
    },
    '/api/peers': {
      get: { summary: 'The gemeente\'s chosen peers', responses: { 200: { description: 'peers', content: { 'application/json': { schema: ref('PeerList') } } }, 401: { description: 'not logged in' } } },
      put: {
        summary: 'Replace the chosen peers (beleid and beheerder; audited as peer_list)',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['peers'], properties: { peers: { type: 'array', maxItems: 20, items: { type: 'string', description: 'CBS gemeente code (GM0363 or 0363)' } } } } } } },
        responses: { 200: { description: 'peers', content: { 'application/json': { schema: ref('PeerList') } } }, 400: { description: 'unknown code', content: { 'application/json': { schema: err } } }, 403: { description: 'role may not choose peers', content: { 'application/json': { schema: err } } } },
      },
    },
  };
}

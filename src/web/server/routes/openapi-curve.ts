/** OpenAPI paths and schemas of routes/steering-curve.ts (turn the curve, notes, actions, scores). */
const err = { $ref: '#/components/schemas/Error' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Indicator id from GET /api/indicators' };
const actionIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const periodType = { name: 'periodType', in: 'query', schema: { enum: ['year', 'halfyear', 'quarter', 'month'], default: 'year' } };
const period = (required: boolean) => ({ name: 'period', in: 'query', required, schema: { type: 'string', examples: ['2025', '2025-Q1'] } });
const area = { name: 'area', in: 'query', schema: { type: 'string' }, description: 'Wijk code; absent = the whole gemeente' };
const denied = { 401: { description: 'not logged in' }, 403: { description: 'role may not write (only beleid and beheerder), or CSRF token missing', content: json(err) } };
const text = (max: number, description: string) => ({ type: 'string', maxLength: max, description });
const date = (description: string) => ({ type: ['string', 'null'], format: 'date', description });

export const curveApiSchemas = {
  Note: {
    type: 'object', description: 'A turn-the-curve note: one current note per indicator × period type × period × area.',
    properties: {
      noteId: { type: 'string', format: 'uuid' }, indicatorId: { type: 'string' }, periodType: { enum: ['year', 'halfyear', 'quarter', 'month'] }, period: { type: 'string' },
      area: { type: ['string', 'null'] }, areaName: { type: ['string', 'null'] },
      story: text(8000, 'Het verhaal achter de curve'), helps: text(4000, 'Wat helpt'), hurts: text(4000, 'Wat werkt tegen'), partners: text(4000, 'Partners'),
      whatWorks: text(4000, 'Wat werkt'), actionPlan: text(8000, 'Actieplan'), writtenBy: { type: 'string' }, writtenAt: { type: 'string', format: 'date-time' },
    },
  },
  NoteInput: {
    type: 'object', required: ['period'],
    properties: {
      periodType: { enum: ['year', 'halfyear', 'quarter', 'month'], default: 'year' }, period: { type: 'string' }, area: { type: ['string', 'null'], description: 'Wijk code (only for indicators with a wijk breakdown)' },
      story: text(8000, 'Het verhaal achter de curve'), helps: text(4000, 'Wat helpt'), hurts: text(4000, 'Wat werkt tegen'), partners: text(4000, 'Partners'),
      whatWorks: text(4000, 'Wat werkt'), actionPlan: text(8000, 'Actieplan'),
      expectedWrittenAt: { type: ['string', 'null'], format: 'date-time', description: 'writtenAt of the note the editor started from (null: there was none); a different current note gives 409 instead of overwriting it' },
    },
  },
  HistoryItem: {
    type: 'object', description: 'Who changed what when, with a readable diff per field (Dutch labels).',
    properties: {
      change: { enum: ['created', 'changed', 'deleted'] }, changedBy: { type: 'string' }, changedAt: { type: 'string', format: 'date-time' },
      fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, label: { type: 'string' }, before: { type: ['string', 'null'] }, after: { type: ['string', 'null'] } } } },
    },
  },
  ActionLink: {
    oneOf: [
      { type: 'object', required: ['frameworkId', 'nodeId'], properties: { frameworkId: { type: 'string', format: 'uuid' }, nodeId: { type: 'string', format: 'uuid' } }, additionalProperties: false, description: 'A goal of a beleidskader (any version)' },
      { type: 'object', required: ['indicatorId'], properties: { indicatorId: { type: 'string' } }, additionalProperties: false, description: 'An indicator' },
    ],
  },
  Action: {
    type: 'object',
    properties: {
      actionId: { type: 'string', format: 'uuid' }, title: { type: 'string' }, description: { type: 'string' }, owner: { type: 'string' },
      status: { enum: ['gepland', 'bezig', 'afgerond', 'gestopt'] }, startDate: date('Startdatum'), dueDate: date('Streefdatum'), doneOn: date('Datum klaar (set to today when closed without one)'),
      links: { type: 'array', items: { type: 'object', properties: { frameworkId: { type: ['string', 'null'] }, nodeId: { type: ['string', 'null'] }, indicatorId: { type: ['string', 'null'] }, label: { type: 'string', description: 'Dutch name of the goal or indicator' } } } },
      overdue: { type: 'boolean', description: 'Due date before today (Dutch date) and status gepland or bezig' }, daysOverdue: { type: 'integer' },
      updatedBy: { type: 'string' }, updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  ActionInput: {
    type: 'object',
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 300 }, description: { type: 'string', maxLength: 4000 }, owner: { type: 'string', minLength: 1, maxLength: 200 },
      status: { enum: ['gepland', 'bezig', 'afgerond', 'gestopt'], default: 'gepland' }, startDate: date('Startdatum'), dueDate: date('Streefdatum (not before the start date)'), doneOn: date('Datum klaar'),
      links: { type: 'array', maxItems: 50, items: ref('ActionLink'), description: 'Replaces the whole set when given' },
    },
  },
  Share: { type: 'object', properties: { count: { type: 'integer' }, of: { type: 'integer' }, share: { type: ['number', 'null'], description: 'count / of (0–1); null without indicators' } } },
  FrameworkScores: {
    type: 'object',
    description: 'Engagement: per indicator of the framework (adopted version, else newest concept) current data (latest published value for a period that ended at most a year ago), a current note (for that latest period), a forecast (≥ 3 published values) and a gemeente target for this year; total = mean of the four shares. Performance: of the indicators with polarity up/down and published values for the latest and the previous period, the share whose latest value is better (at one decimal). Figures disclosed as for /values.',
    properties: {
      framework: { type: 'object', properties: { frameworkId: { type: 'string' }, title: { type: 'string' }, version: { type: 'integer' }, status: { enum: ['vastgesteld', 'concept'] }, adoptedOn: { type: ['string', 'null'], format: 'date' } } },
      today: { type: 'string', format: 'date' },
      scores: {
        type: 'object',
        properties: {
          engagement: { type: 'object', properties: { currentData: ref('Share'), currentNote: ref('Share'), forecast: ref('Share'), target: ref('Share'), total: { type: ['number', 'null'] } } },
          performance: { type: 'object', properties: { better: { type: 'integer' }, judged: { type: 'integer' }, noDirection: { type: 'integer' }, tooFewValues: { type: 'integer' }, share: { type: ['number', 'null'] } } },
          indicators: { type: 'array', items: { type: 'object', properties: {
            indicatorId: { type: 'string' }, name: { type: 'string' }, periodType: { type: 'string' }, latestPeriod: { type: ['string', 'null'] }, latestValue: { type: ['number', 'null'] },
            currentData: { type: 'boolean' }, currentNote: { type: 'boolean' }, noteState: { enum: ['no_data', 'missing', 'outdated', 'current'] }, forecast: { type: 'boolean' }, target: { type: 'boolean' },
            direction: { enum: ['better', 'worse', 'same', null] }, notJudged: { enum: ['no_direction', 'too_few_values', null] },
          } } },
        },
      },
    },
  },
};

export function curveApiPaths() {
  return {
    '/api/indicators/{id}/curve': {
      get: {
        summary: 'Turn the curve: baseline (disclosed values), forecast "als we niets doen" from the values up to the period, targets of the area, and the note',
        parameters: [id, periodType, { ...period(false), description: 'Absent: the latest period with a published value' }, area],
        responses: { 200: { description: 'curve view with mayEdit' }, 400: { description: 'invalid period, period type or wijk', content: json(err) }, 404: { description: 'unknown indicator', content: json(err) } },
      },
    },
    '/api/indicators/{id}/notes': {
      get: {
        summary: 'Turn-the-curve notes of an indicator (every role of the gemeente)', parameters: [id, { ...periodType, description: 'Absent: every period type' }, { ...period(false), description: 'Absent: every period' }, area],
        responses: { 200: { description: 'notes', content: json({ type: 'object', properties: { indicator: { type: 'string' }, notes: { type: 'array', items: ref('Note') }, mayEdit: { type: 'boolean' } } }) }, 404: { description: 'unknown indicator' } },
      },
      put: {
        summary: 'Create or change the note for a period (beleid, beheerder); history and audit in the same transaction', parameters: [id],
        requestBody: { required: true, content: json(ref('NoteInput')) },
        responses: { 201: { description: 'created', content: json({ type: 'object', properties: { note: ref('Note'), change: { enum: ['created'] } } }) }, 200: { description: 'changed or unchanged', content: json({ type: 'object', properties: { note: ref('Note'), change: { enum: ['changed', 'unchanged'] } } }) }, 400: { description: 'invalid input (Dutch message)', content: json(err) }, ...denied, 409: { description: 'changed by someone else in the meantime', content: json(err) } },
      },
    },
    '/api/indicators/{id}/notes/history': {
      get: {
        summary: 'History of one note (newest first) with a readable per-field diff', parameters: [id, periodType, period(true), area],
        responses: { 200: { description: 'history', content: json({ type: 'object', properties: { history: { type: 'array', items: ref('HistoryItem') } } }) }, 400: { description: 'invalid period', content: json(err) } },
      },
    },
    '/api/actions/export': {
      get: {
        summary: 'The action list for the same filters as GET /api/actions, as CSV for Dutch Excel or XLSX; audited as steering_export',
        parameters: [
          { name: 'format', in: 'query', schema: { enum: ['csv', 'xlsx'] } },
          { name: 'status', in: 'query', schema: { enum: ['gepland', 'bezig', 'afgerond', 'gestopt'] } }, { name: 'owner', in: 'query', schema: { type: 'string' } },
          { name: 'indicator', in: 'query', schema: { type: 'string' } }, { name: 'framework', in: 'query', schema: { type: 'string', format: 'uuid' } }, { name: 'node', in: 'query', schema: { type: 'string', format: 'uuid' } },
          { name: 'overdue', in: 'query', schema: { enum: ['true', 'false'] } },
        ],
        responses: { 200: { description: 'file (text/csv or XLSX)' }, 400: { description: 'invalid filter', content: json(err) } },
      },
    },
    '/api/actions': {
      get: {
        summary: 'Actions of the gemeente (every role), overdue first',
        parameters: [
          { name: 'status', in: 'query', schema: { enum: ['gepland', 'bezig', 'afgerond', 'gestopt'] } }, { name: 'owner', in: 'query', schema: { type: 'string' } },
          { name: 'indicator', in: 'query', schema: { type: 'string' } }, { name: 'framework', in: 'query', schema: { type: 'string', format: 'uuid' } }, { name: 'node', in: 'query', schema: { type: 'string', format: 'uuid' } },
          { name: 'overdue', in: 'query', schema: { enum: ['true', 'false'] } },
        ],
        responses: { 200: { description: 'actions', content: json({ type: 'object', properties: { today: { type: 'string', format: 'date' }, actions: { type: 'array', items: ref('Action') }, owners: { type: 'array', items: { type: 'string' } }, mayEdit: { type: 'boolean' } } }) }, 400: { description: 'invalid filter', content: json(err) } },
      },
      post: {
        summary: 'Create an action (beleid, beheerder; audited, history)', requestBody: { required: true, content: json({ allOf: [ref('ActionInput'), { required: ['title', 'owner'] }] }) },
        responses: { 201: { description: 'created', content: json({ type: 'object', properties: { action: ref('Action') } }) }, 400: { description: 'invalid input (Dutch message)', content: json(err) }, ...denied },
      },
    },
    '/api/actions/{id}': {
      get: { summary: 'One action', parameters: [actionIdParam], responses: { 200: { description: 'action', content: json({ type: 'object', properties: { action: ref('Action'), mayEdit: { type: 'boolean' } } }) }, 404: { description: 'unknown (or of another gemeente)' } } },
      patch: {
        summary: 'Change or close an action: send only the fields that change (beleid, beheerder; audited, history)', parameters: [actionIdParam],
        requestBody: { required: true, content: json({ allOf: [ref('ActionInput'), { properties: { expectedUpdatedAt: { type: 'string', format: 'date-time', description: 'updatedAt the editor started from; a later change by someone else gives 409' } } }] }) },
        responses: { 200: { description: 'action and change (changed | unchanged)' }, 400: { description: 'invalid input', content: json(err) }, ...denied, 404: { description: 'unknown' }, 409: { description: 'changed by someone else', content: json(err) } },
      },
    },
    '/api/actions/{id}/history': {
      get: { summary: 'History of one action (newest first) with a readable per-field diff', parameters: [actionIdParam], responses: { 200: { description: 'history', content: json({ type: 'object', properties: { history: { type: 'array', items: ref('HistoryItem') } } }) }, 404: { description: 'unknown' } } },
    },
    '/api/frameworks/{id}/scores': {
      get: {
        summary: 'Engagement and performance scores of a beleidskader, per component and indicator', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { 200: { description: 'scores', content: json(ref('FrameworkScores')) }, 404: { description: 'unknown, or only a concept and the role may not read concepts (raad, aanbieder)', content: json(err) } },
      },
    },
    '/api/steering/frameworks': {
      get: { summary: 'Beleidskaders to choose from on the Sturen page: per framework the version that counts (adopted, else newest concept for roles that may read concepts)', responses: { 200: { description: 'frameworks' } } },
    },
    '/api/steering/goals': {
      get: { summary: 'Goals (nodes) of the version that counts per beleidskader, to link actions to', responses: { 200: { description: 'goals: frameworkId, frameworkTitle, nodeId, title, kind' } } },
    },
    '/api/steering/stale-notes': {
      get: { summary: 'Indicators of adopted beleidskaders whose turn-the-curve note is missing or about an earlier period than the latest published value', responses: { 200: { description: 'today, adoptedFrameworks (count) and stale: indicatorId, name, periodType, latestPeriod, newestNotePeriod, state (missing | outdated), frameworks' } } },
    },
  };
}

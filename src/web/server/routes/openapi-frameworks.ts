import { z } from 'zod';
import { adoptSchema, budgetSchema, createSchema, indicatorsSchema, nodeCreateSchema, nodeUpdateSchema, textsSchema, withdrawSchema } from '../../../steering/framework/index.js';

/** OpenAPI paths and schemas of routes/frameworks.ts (beleidskader, issue 5). Request bodies come from the zod schemas the server validates with. */
const err = { $ref: '#/components/schemas/Error' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: z.ZodType) => { const { $schema: _s, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>; return rest; };
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const v = { name: 'v', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const node = { name: 'node', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const area = { name: 'area', in: 'query', schema: { type: 'string' }, description: 'a wijk code: judge the tree on that wijk (its target, else the gemeente target); default the whole gemeente' };
const writes = {
  400: { description: 'invalid input (Dutch message)', content: { 'application/json': { schema: err } } },
  403: { description: 'only beleid and beheerder may change a beleidskader', content: { 'application/json': { schema: err } } },
  404: { description: 'unknown framework, version or node (or another gemeente\'s)', content: { 'application/json': { schema: err } } },
  409: { description: 'the version is not a concept (vastgesteld and vervallen versions are frozen), or a concept already exists', content: { 'application/json': { schema: err } } },
};

const version = {
  type: 'object',
  properties: {
    version: { type: 'integer' }, status: { enum: ['concept', 'vastgesteld', 'vervallen'] }, title: { type: 'string' },
    adoptedOn: { type: ['string', 'null'], format: 'date' }, decisionRef: { type: ['string', 'null'] },
    inForceFrom: { type: ['string', 'null'], format: 'date' }, inForceTo: { type: ['string', 'null'], format: 'date' },
    templateId: { type: ['string', 'null'] }, updatedBy: { type: 'string' }, updatedAt: { type: 'string', format: 'date-time' },
  },
};
const statusEnum = { enum: ['op_koers', 'aandacht', 'niet_op_koers', 'geen_gegevens', 'geen_doel', 'context', 'leeg'] };

export const frameworkApiSchemas = {
  FrameworkVersion: version,
  Framework: { type: 'object', properties: { frameworkId: { type: 'string', format: 'uuid' }, createdBy: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, versions: { type: 'array', items: ref('FrameworkVersion') } } },
  FrameworkNode: {
    type: 'object',
    properties: {
      nodeId: { type: 'string', format: 'uuid', description: 'Stable over versions' }, parentId: { type: ['string', 'null'] },
      kind: { enum: ['theme', 'effect', 'doel', 'programma'] }, title: { type: 'string' }, description: { type: 'string' }, position: { type: 'integer' },
      indicators: { type: 'array', items: { type: 'object', properties: { indicatorId: { type: 'string' }, measureKind: { enum: ['population', 'how_much', 'how_well', 'better_off'] }, attentionMargin: { type: ['number', 'null'] }, position: { type: 'integer' } } } },
      budget: { type: 'array', items: { type: 'string', description: 'BBV taakveld, e.g. 6.1' } },
    },
  },
  FrameworkVersionDetail: { allOf: [ref('FrameworkVersion'), { type: 'object', properties: { frameworkId: { type: 'string' }, vision: { type: 'string' }, mission: { type: 'string' }, principles: { type: 'array', items: { type: 'string' } }, nodes: { type: 'array', items: ref('FrameworkNode'), description: 'Tree order: parents before children, by position' }, mayEdit: { type: 'boolean' } } }] },
  FrameworkStatus: {
    type: 'object', description: '"Hoe staan we ervoor": rules in src/steering/framework/status.ts. Figures disclosed with the caller\'s profile; a suppressed figure is geen_gegevens.',
    properties: {
      framework: ref('FrameworkVersion'), year: { type: ['integer', 'null'] }, suppressionProfile: { enum: ['none', 'default'] },
      status: statusEnum, label: { type: 'string' }, explanation: { type: 'string' }, mayEdit: { type: 'boolean' },
      nodes: { type: 'array', items: { type: 'object', properties: {
        nodeId: { type: 'string' }, parentId: { type: ['string', 'null'] }, kind: { type: 'string' }, title: { type: 'string' }, depth: { type: 'integer' },
        status: statusEnum, label: { type: 'string' }, explanation: { type: 'string' }, counts: { type: 'object', additionalProperties: { type: 'integer' } },
        indicators: { type: 'array', items: { type: 'object', properties: {
          indicatorId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, polarity: { enum: ['up', 'down', 'context'] }, measureKind: { type: 'string' },
          period: { type: ['string', 'null'] }, value: { type: ['number', 'null'] }, suppressed: { type: 'boolean' }, dataStatus: { enum: ['provisional', 'final', null] },
          target: { type: ['number', 'null'] }, baseline: { type: ['number', 'null'] }, status: statusEnum, label: { type: 'string' }, explanation: { type: 'string' },
        } } },
        budget: { type: 'array', items: { type: 'object', properties: { taakveld: { type: 'string' }, begroting: { type: ['number', 'null'], description: 'euro; the amended begroting when there is one' }, realisatie: { type: ['number', 'null'] }, verplichting: { type: ['number', 'null'] } } } },
        actions: { type: 'array', items: { type: 'object', properties: { actionId: { type: 'string' }, title: { type: 'string' }, owner: { type: 'string' }, status: { type: 'string' }, dueDate: { type: ['string', 'null'] } } } },
      } } },
    },
  },
  FrameworkCreate: json(createSchema),
  FrameworkTexts: json(textsSchema),
  FrameworkNodeCreate: json(nodeCreateSchema),
  FrameworkNodeUpdate: json(nodeUpdateSchema),
  FrameworkNodeIndicators: json(indicatorsSchema),
  FrameworkNodeBudget: json(budgetSchema),
  FrameworkAdopt: json(adoptSchema),
  FrameworkWithdraw: json(withdrawSchema),
};

export function frameworkApiPaths() {
  const ok = (description: string, schema?: string) => ({ 200: { description, ...(schema ? { content: { 'application/json': { schema: ref(schema) } } } : {}) } });
  return {
    '/api/frameworks': {
      get: { summary: 'Beleidskaders of the gemeente with their versions (the raad sees only versions that were adopted)', responses: ok('frameworks and mayEdit') },
      post: { summary: 'Create a beleidskader (version 1, concept), empty or from a template (beleid, beheerder; audited)', requestBody: body('FrameworkCreate'), responses: { 201: { description: 'frameworkId and version' }, ...writes } },
    },
    '/api/frameworks/templates': { get: { summary: 'Templates, the indicators that can be linked (catalogue and own) and the taakvelden with budget lines', responses: ok('templates, indicators, taakvelden') } },
    '/api/frameworks/{id}': { get: { summary: 'One beleidskader with its versions, status and period in force', parameters: [id], responses: { ...ok('framework', 'Framework'), 404: writes[404] } } },
    '/api/frameworks/{id}/versions/{v}': {
      get: { summary: 'One version with its goal tree (the raad: adopted versions only)', parameters: [id, v], responses: { ...ok('version', 'FrameworkVersionDetail'), 403: writes[403], 404: writes[404] } },
      put: { summary: 'Change title, vision, mission or leading principles of a concept', parameters: [id, v], requestBody: body('FrameworkTexts'), responses: { ...ok('version', 'FrameworkVersionDetail'), ...writes } },
      delete: { summary: 'Discard a concept version (and the framework when it has no other version)', parameters: [id, v], responses: { ...ok('frameworkRemoved'), ...writes } },
    },
    '/api/frameworks/{id}/versions/{v}/nodes': { post: { summary: 'Add a theme, effect, doel or programma (theme at the top; effect under a theme; doel under an effect or theme; programma under a doel or effect)', parameters: [id, v], requestBody: body('FrameworkNodeCreate'), responses: { 201: { description: 'nodeId' }, ...writes } } },
    '/api/frameworks/{id}/versions/{v}/nodes/{node}': {
      put: { summary: 'Rename, describe or move a node (parentId, position among its siblings)', parameters: [id, v, node], requestBody: body('FrameworkNodeUpdate'), responses: { ...ok('ok'), ...writes } },
      delete: { summary: 'Remove a node with everything under it', parameters: [id, v, node], responses: { ...ok('removed: number of nodes'), ...writes } },
    },
    '/api/frameworks/{id}/versions/{v}/nodes/{node}/indicators': { put: { summary: 'Replace the indicators linked to a node, with their RBA measure kind and attention margin. Targets per year/wijk: PUT /api/indicators/{id}/targets', parameters: [id, v, node], requestBody: body('FrameworkNodeIndicators'), responses: { ...ok('ok'), ...writes } } },
    '/api/frameworks/{id}/versions/{v}/nodes/{node}/budget': { put: { summary: 'Replace the budget taakvelden linked to a node', parameters: [id, v, node], requestBody: body('FrameworkNodeBudget'), responses: { ...ok('ok'), ...writes } } },
    '/api/frameworks/{id}/versions/{v}/adopt': { post: { summary: 'Adopt a concept (vastgesteld by the council); the previously adopted version becomes vervallen the day before', parameters: [id, v], requestBody: body('FrameworkAdopt'), responses: { ...ok('framework', 'Framework'), ...writes } } },
    '/api/frameworks/{id}/versions/{v}/withdraw': { post: { summary: 'Withdraw the adopted version (vervallen; in force until `on`, default today)', parameters: [id, v], requestBody: { content: { 'application/json': { schema: ref('FrameworkWithdraw') } } }, responses: { ...ok('framework', 'Framework'), ...writes } } },
    '/api/frameworks/{id}/new-version': { post: { summary: 'A new concept version copied from the latest version, with the same node ids', parameters: [id], responses: { 201: { description: 'version' }, ...writes } } },
    '/api/frameworks/{id}/status': {
      get: {
        summary: '"Hoe staan we ervoor": the goal tree with a status per indicator and goal, budget per goal and linked actions',
        parameters: [id, { name: 'version', in: 'query', schema: { type: 'integer' }, description: 'default: the adopted version' }, { name: 'year', in: 'query', schema: { type: 'integer' }, description: 'default: the latest year with figures' }, area],
        responses: { ...ok('status', 'FrameworkStatus'), 400: writes[400], 403: writes[403], 404: writes[404] },
      },
    },
    '/api/frameworks/{id}/status/export': {
      get: {
        summary: 'The status table as shown (one row per goal and indicator) as CSV for Dutch Excel or XLSX; disclosed as the status view; audited as steering_export',
        parameters: [id, { name: 'format', in: 'query', schema: { enum: ['csv', 'xlsx'] } }, { name: 'version', in: 'query', schema: { type: 'integer' } }, { name: 'year', in: 'query', schema: { type: 'integer' } }, area],
        responses: { 200: { description: 'file (text/csv or XLSX)' }, 400: writes[400], 403: writes[403], 404: writes[404] },
      },
    },
    '/api/frameworks/{id}/history': { get: { summary: 'Every change to the framework, its versions and nodes (who, when, before, after); the raad sees adoptions and withdrawals only', parameters: [id], responses: { ...ok('history'), 404: writes[404] } } },
  };
}

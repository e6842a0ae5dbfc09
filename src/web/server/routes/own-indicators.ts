import type { Hono } from 'hono';
import { audit, seesUnsuppressed, type SessionInfo } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import { applyDisclosure, archiveOwnIndicator, cellsOf, describe, DIMENSION_LABELS, DIMENSIONS, FACTS, ownIndicators, OwnIndicatorError, previewOwnIndicator, saveOwnIndicator, type Dimension, type IndicatorDefinition } from '../../../indicators/index.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { clientIp, requireSession, type ApiEnv } from './context.js';

/**
 * Own indicators (issue 4): defined by beleid (and analist, beheerder) from the catalogue's building
 * blocks, previewed before saving, computed by the same engine. Every save and archive is audited.
 */
const EDITORS = new Set(['beleid', 'analist', 'beheerder']);
function requireEditor(s: SessionInfo) {
  if (!EDITORS.has(s.scope.role)) throw forbidden('Alleen beleidsadviseurs, analisten en beheerders maken eigen indicatoren.');
}

async function body(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  try { return await c.req.json(); } catch { throw badRequest('Stuur de definitie als JSON.'); }
}

function problems(e: unknown): never {
  if (e instanceof OwnIndicatorError) throw badRequest(`De definitie klopt niet: ${e.problems.join(' ')}`);
  throw e;
}

/** Period boundaries in plain Dutch, with what the fact needs for them (compiler.ts validateDefinition). */
const BOUNDARIES = [
  { id: 'active', label: 'Loopt in de periode', needs: ['start', 'end'] },
  { id: 'active_at_start', label: 'Loopt op de eerste dag van de periode', needs: ['start', 'end'] },
  { id: 'active_at_end', label: 'Loopt op de laatste dag van de periode', needs: ['start', 'end'] },
  { id: 'started', label: 'Begonnen in de periode', needs: ['start'] },
  { id: 'ended', label: 'Beëindigd in de periode', needs: ['end'] },
  { id: 'event', label: 'Datum valt in de periode', needs: ['event'] },
  { id: 'in_year', label: 'Hoort bij het jaar van de periode', needs: ['year'] },
  { id: 'year_to_date', label: 'Van 1 januari tot en met de periode', needs: ['year', 'month'] },
  { id: 'per_period', label: 'Per periode bepaald', needs: ['perPeriod'] },
] as const;

/** What is counted; `field` says which field type a sum or median needs. */
const AGGREGATES = [
  { id: 'persons', label: 'Personen (ieder inwoner één keer)', needsPerson: true },
  { id: 'records', label: 'Trajecten of regels (elke regel telt)', needsPerson: false },
  { id: 'households', label: 'Huishoudens', needsPerson: true },
  { id: 'sum', label: 'Som van een getal', needsPerson: false, field: 'number' },
  { id: 'median', label: 'Mediaan van een getal', needsPerson: false, field: 'number' },
  { id: 'sumOverDays', label: 'Bedrag per dag × dagen in de periode (alleen bij "loopt in de periode")', needsPerson: false, field: 'number' },
] as const;

const OPERATORS = [
  { id: '=', label: 'is gelijk aan' }, { id: '<>', label: 'is niet gelijk aan' },
  { id: '<', label: 'is kleiner dan' }, { id: '<=', label: 'is kleiner dan of gelijk aan' },
  { id: '>', label: 'is groter dan' }, { id: '>=', label: 'is groter dan of gelijk aan' },
  { id: 'in', label: 'is een van (met komma’s)' }, { id: 'isNull', label: 'is leeg' }, { id: 'notNull', label: 'is niet leeg' },
];

/** Dutch names of the fact columns a filter or sum may use; unknown columns show their own name. */
const FIELD_LABELS: Record<string, string> = {
  law: 'Wet', category_code: 'Productcategorie', product_code: 'Productcode', agb_code: 'Aanbieder (AGB-code)', start_date: 'Begindatum', end_date: 'Einddatum',
  end_reason: 'Reden einde', end_source: 'Bron van het einde', first_toewijzingsdatum: 'Eerste toewijzingsdatum', end_class: 'Soort einde', outcome_end: 'Einde met resultaat',
  category_kind: 'Soort productcategorie', residential: 'Met verblijf', variant: 'Uitvoeringsvariant', wait_days: 'Wachttijd (dagen)', duration_days: 'Duur (dagen)',
  instroom: 'Nieuwe instroom', prev_law_end: 'Einde vorige hulp', next_law_start: 'Begin volgende hulp', law_continues: 'Hulp loopt door', no_maatwerk_30d: 'Geen maatwerk binnen 30 dagen',
  toegekend_cents: 'Toegekend bedrag (centen)', ingediend_cents: 'Ingediend bedrag (centen)', toewijzingsdatum: 'Toewijzingsdatum', ingangsdatum: 'Ingangsdatum', first_start: 'Eerste start',
  started_within_42d: 'Gestart binnen 42 dagen', cents_per_day: 'Bedrag per dag (centen)', soort: 'Soort verzoek', uitkomst: 'Uitkomst', answered_in_time: 'Op tijd beantwoord', granted: 'Toegekend',
  status: 'Status', rejected: 'Afgewezen', without_allocation: 'Zonder toewijzing', periode_begin: 'Begin prestatieperiode', ingediend_op: 'Ingediend op',
  reden_beeindiging: 'Reden beëindiging', substantive: 'Inhoudelijke reden', timely: 'Op tijd', besluit: 'Besluit', decision_days: 'Dagen tot besluit', decision_in_term: 'Besluit binnen termijn',
  besluit_date: 'Datum besluit', team: 'Team', regeling: 'Regeling', household_type: 'Huishoudtype', children: 'Aantal kinderen', threat: 'Dreiging', urgent: 'Spoed', in_time: 'Op tijd',
  moment: 'Meetmoment', financien: 'Financiën', huisvesting: 'Huisvesting', werk_opleiding: 'Werk en opleiding', tijdsbesteding: 'Tijdsbesteding', sociaal_netwerk: 'Sociaal netwerk',
  lowest: 'Laagste score', nth: 'Volgnummer meting', domains_up: 'Domeinen vooruit', domains_down: 'Domeinen achteruit', gas_score: 'GAS-score', weight: 'Gewicht', life_domain: 'Levensdomein',
  t_score: 'GAS T-score', goals: 'Aantal doelen', informant: 'Wie het meldde', continues_without_help: 'Verder zonder hulp', goals_reached: 'Doelen bereikt',
  question_code: 'Vraag', theme: 'Thema', respondents: 'Aantal antwoorden', agree: 'Aantal eens', kind: 'Soort bedrag', amount_cents: 'Bedrag (centen)', taakveld: 'Taakveld',
  n_provisions: 'Aantal voorzieningen', n_laws: 'Aantal wetten', vulnerable: 'Kwetsbaar', zrm_low: 'Lage ZRM-score', n_core_laws: 'Aantal kernwetten',
};

const PERSON_DIMS: Dimension[] = ['wijk', 'leeftijd', 'geslacht'];

/** The building blocks of an own indicator, with Dutch labels, so the UI needs no lists of its own. */
export function buildingBlocks() {
  const facts = Object.values(FACTS).map((f) => {
    const has = { start: !!f.start, end: !!f.end, event: !!f.event || Object.values(f.fields).includes('date'), year: !!f.year, month: !!f.month, perPeriod: f.relation === '(per period)' };
    const boundaries = BOUNDARIES.filter((b) => (has.perPeriod ? b.id === 'per_period' : b.id !== 'per_period' && b.needs.every((n) => has[n]))).map((b) => b.id);
    const dims = new Set<Dimension>(Object.keys(f.dims) as Dimension[]);
    if (f.person) PERSON_DIMS.forEach((d) => dims.add(d));
    return {
      id: f.id, label: f.label, source: f.source, person: !!f.person, defaultDate: f.event ?? null,
      fields: Object.entries(f.fields).map(([name, type]) => ({ name, type, label: FIELD_LABELS[name] ?? name })),
      dims: DIMENSIONS.filter((d) => dims.has(d)), boundaries,
    };
  });
  return {
    facts,
    boundaries: BOUNDARIES.map(({ id, label }) => ({ id, label })),
    aggregates: AGGREGATES.map((a) => ({ ...a })),
    operators: OPERATORS,
    populationDims: PERSON_DIMS,
    dimensions: DIMENSIONS.map((id) => ({ id, label: DIMENSION_LABELS[id] })),
    periodTypes: [{ id: 'year', label: 'Jaar' }, { id: 'halfyear', label: 'Halfjaar' }, { id: 'quarter', label: 'Kwartaal' }, { id: 'month', label: 'Maand' }],
    groups: [{ id: 'population', label: 'Bereik en gebruik' }, { id: 'how_much', label: 'Hoeveel deden we?' }, { id: 'how_well', label: 'Hoe goed deden we het?' }, { id: 'better_off', label: 'Is iemand er beter van geworden?' }],
    polarities: [{ id: 'up', label: 'Hoger is beter' }, { id: 'down', label: 'Lager is beter' }, { id: 'context', label: 'Geen goede of foute richting' }],
  };
}

/** The stored input of an own indicator (as PUT takes it), to edit it again. */
function inputOf(d: IndicatorDefinition) {
  return {
    id: d.id, name: d.name, description: d.description, definition: { numerator: d.definition.numerator, denominator: d.definition.denominator },
    unit: d.unit, polarity: d.polarity, group: d.group, factor: d.factor, periodTypes: d.periodTypes, breakdowns: d.breakdowns,
    numerator: d.numerator, denominator: d.denominator,
    ...(d.valueRule ? { valueRule: d.valueRule } : {}), ...(d.numeratorKind ? { numeratorKind: d.numeratorKind } : {}), ...(d.followUpDays !== undefined ? { followUpDays: d.followUpDays } : {}),
  };
}

export function registerOwnIndicatorRoutes(app: Hono<ApiEnv>, db: Db) {
  app.get('/api/own-indicators/building-blocks', (c) => {
    const s = requireSession(c);
    return c.json({ ...buildingBlocks(), mayDefine: EDITORS.has(s.scope.role) });
  });

  app.get('/api/own-indicators/:id', async (c) => {
    const s = requireSession(c);
    const d = (await ownIndicators(db, s.scope.gemeenteCode)).find((x) => x.id === c.req.param('id'));
    if (!d) throw notFound(`Eigen indicator "${c.req.param('id')}" bestaat niet.`);
    return c.json({ indicator: describe(d), input: inputOf(d) });
  });

  app.get('/api/own-indicators', async (c) => {
    const s = requireSession(c);
    return c.json({ indicators: (await ownIndicators(db, s.scope.gemeenteCode)).map(describe) });
  });

  app.post('/api/own-indicators/preview', async (c) => {
    const s = requireSession(c);
    requireEditor(s);
    const input = await body(c);
    const periodType = (['year', 'halfyear', 'quarter', 'month'] as const).find((t) => t === c.req.query('periodType')) ?? 'year';
    const r = await previewOwnIndicator(db, s.scope.gemeenteCode, input, periodType).catch(problems);
    const profile = seesUnsuppressed(s.scope) ? 'none' : 'default';
    // The same equations as stored results (results.ts cellsOf), so a preview hides what the page would.
    const disclosed = applyDisclosure(cellsOf(r.definition, r.cells.map((x) => ({ period: x.period, period_type: x.periodType, breakdown_key: x.breakdownKey, numerator: x.numerator, denominator: x.denominator, value: x.value }))), profile);
    return c.json({
      indicator: describe(r.definition), suppressionProfile: profile, missing: r.missing,
      rows: r.cells.map((x, i) => ({ period: x.period, periodType: x.periodType, breakdown: x.breakdown, area: x.area, numerator: disclosed[i]!.numerator, denominator: disclosed[i]!.denominator, value: disclosed[i]!.value === null ? null : Math.round(disclosed[i]!.value! * 100) / 100, status: x.status, suppressed: disclosed[i]!.suppressed })),
    });
  });

  app.put('/api/own-indicators/:id', async (c) => {
    const s = requireSession(c);
    requireEditor(s);
    const input = await body(c);
    if (!input || typeof input !== 'object' || (input as { id?: unknown }).id !== c.req.param('id')) throw badRequest('Het id in de definitie moet gelijk zijn aan het id in het adres.');
    const r = await saveOwnIndicator(db, s.scope.gemeenteCode, input, s.scope.username).catch(problems);
    if (r.changed) await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'own_indicator_saved', object: `${r.definition.id}/v${r.definition.version}`, details: { name: r.definition.name }, ip: clientIp(c) });
    return c.json({ indicator: describe(r.definition), changed: r.changed }, r.changed ? 201 : 200);
  });

  app.delete('/api/own-indicators/:id', async (c) => {
    const s = requireSession(c);
    requireEditor(s);
    if (!(await archiveOwnIndicator(db, s.scope.gemeenteCode, c.req.param('id')))) throw notFound(`Eigen indicator "${c.req.param('id')}" bestaat niet.`);
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'own_indicator_archived', object: c.req.param('id'), details: {}, ip: clientIp(c) });
    return c.body(null, 204);
  });
}

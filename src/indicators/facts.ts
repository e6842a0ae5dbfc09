import type { Dimension } from './definition.js';

/**
 * The facts indicators count: each is a view from migration 0009 (one row per unit) with the
 * columns the compiler may use. `dims` maps a breakdown to a column of the fact; wijk, leeftijd,
 * geslacht and huishouden come from the person (residence at the last day of P, age then).
 */
export type FieldType = 'text' | 'number' | 'date' | 'boolean';

export interface Fact {
  id: string;
  relation: string;
  label: string;
  /** Plain-Dutch name of the data that feeds it ("geen gegevens: importeer …"). */
  source: string;
  /**
   * SQL giving (first, last) date with data for gemeente $1; first is null when the source was
   * never imported ("geen gegevens"). Message facts end at the latest message received.
   */
  extent: string;
  person?: string;
  start?: string;
  end?: string;
  event?: string;
  /** Yearly facts: the year column (and month for year-to-date). */
  year?: string;
  month?: string;
  /** Dimensions available on the fact itself (column names). */
  dims: Partial<Record<Dimension, string>>;
  fields: Record<string, FieldType>;
  /** An expensive view read by several unit relations: computed once per recompute. */
  materialize?: boolean;
}

const trajectoryFields: Record<string, FieldType> = {
  law: 'text', category_code: 'text', agb_code: 'text', start_date: 'date', end_date: 'date', end_reason: 'text', end_source: 'text',
  first_toewijzingsdatum: 'date', end_class: 'text', outcome_end: 'boolean', category_kind: 'text', residential: 'boolean', variant: 'text',
  wait_days: 'number', duration_days: 'number', instroom: 'boolean', prev_law_end: 'date', next_law_start: 'date', law_continues: 'boolean', no_maatwerk_30d: 'boolean',
};

const MESSAGES = 'iWmo/iJw-berichten 301, 305 en 307 (toewijzingen, start en stop zorg)';

export const FACTS: Record<string, Fact> = {
  trajectory: {
    materialize: true,
    id: 'trajectory', relation: 'f_trajectory', label: 'Trajecten (Wmo en Jeugdwet)', source: MESSAGES, extent: `select (select min(start_date) from trajectory where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', start: 'start_date', end: 'end_date',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code', uitvoeringsvariant: 'variant' },
    fields: trajectoryFields,
  },
  trajectory_cost: {
    materialize: true,
    id: 'trajectory_cost', relation: 'f_trajectory_cost', label: 'Trajecten met toegekende bedragen', source: `${MESSAGES} en declaraties 323/325`,
    extent: `select (select min(periode_begin) from prestatie_record where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', start: 'start_date', end: 'end_date',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code' },
    fields: { law: 'text', category_code: 'text', agb_code: 'text', end_reason: 'text', end_class: 'text', toegekend_cents: 'number' },
  },
  provision: {
    id: 'provision', relation: 'f_provision', label: 'Voorzieningen (maatwerk, uitkering, schuldhulp)', source: `${MESSAGES}; uitkeringen; schuldhulp`,
    extent: `select (select min(start_date) from trajectory where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', start: 'start_date', end: 'end_date',
    dims: { wet: 'law', productcategorie: 'category_code' },
    fields: { law: 'text', category_code: 'text', residential: 'boolean' },
  },
  toewijzing: {
    materialize: true,
    id: 'toewijzing', relation: 'f_toewijzing', label: 'Toewijzingen (301)', source: 'iWmo/iJw-berichten 301 en 305', extent: `select (select min(ingangsdatum) from toewijzing_record where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', event: 'ingangsdatum',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code' },
    fields: { law: 'text', category_code: 'text', product_code: 'text', agb_code: 'text', toewijzingsdatum: 'date', ingangsdatum: 'date', first_start: 'date', started_within_42d: 'boolean' },
  },
  allocation: {
    materialize: true,
    id: 'allocation', relation: 'f_allocation', label: 'Toegewezen bedragen', source: 'iWmo/iJw-berichten 301 en de tarieven uit de contracten (bron contracten)',
    extent: `select (select min(ingangsdatum) from toewijzing_record where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`,
    person: 'person_id', start: 'ingangsdatum', end: 'einddatum',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code', uitvoeringsvariant: 'variant' },
    fields: { law: 'text', category_code: 'text', agb_code: 'text', variant: 'text', cents_per_day: 'number' },
  },
  verzoek: {
    materialize: true,
    id: 'verzoek', relation: 'f_verzoek', label: 'Verzoeken om toewijzing en wijziging (315, 317)', source: 'iWmo/iJw-berichten 315/317 met de antwoorden 301/319',
    extent: `select (select min(ontvangstdatum) from request_record where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', event: 'ontvangstdatum',
    dims: { wet: 'law', aanbieder: 'agb_code' },
    fields: { law: 'text', agb_code: 'text', soort: 'text', uitkomst: 'text', answered_in_time: 'boolean', granted: 'boolean' },
  },
  prestatie: {
    materialize: true,
    id: 'prestatie', relation: 'f_prestatie', label: 'Gedeclareerde prestaties (323/325)', source: 'iWmo/iJw-berichten 323 (declaratie) en 325 (antwoord)',
    extent: `select (select min(periode_begin) from prestatie_record where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', event: 'ingediend_op',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code', uitvoeringsvariant: 'variant' },
    fields: { law: 'text', category_code: 'text', agb_code: 'text', status: 'text', rejected: 'boolean', without_allocation: 'boolean', ingediend_cents: 'number', toegekend_cents: 'number', periode_begin: 'date', ingediend_op: 'date', variant: 'text' },
  },
  stop_message: {
    id: 'stop_message', relation: 'f_stop_message', label: 'Stopberichten (307)', source: 'iWmo/iJw-berichten 307', extent: `select (select min(dagtekening) from delivery_record where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', event: 'dagtekening',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code' },
    fields: { law: 'text', reden_beeindiging: 'text', substantive: 'boolean', timely: 'boolean' },
  },
  toegang: {
    id: 'toegang', relation: 'f_toegang', label: 'Meldingen en besluiten (toegang)', source: 'toegangsregistratie (bron toegang: meldingen, aanvragen en besluiten)',
    extent: `select min(melding_date) as first, max(greatest(melding_date, besluit_date)) as last from toegang_case where gemeente_code = $1`, person: 'person_id', event: 'besluit_date',
    dims: { wet: 'law', productcategorie: 'category_code', team: 'team' },
    fields: { law: 'text', besluit: 'text', decision_days: 'number', decision_in_term: 'boolean', besluit_date: 'date', category_code: 'text', team: 'text' },
  },
  benefit: {
    id: 'benefit', relation: 'f_benefit', label: 'Uitkeringen Participatiewet', source: 'uitkeringsregistratie Participatiewet (bron benefits)',
    extent: `select min(start_date) as first, max(greatest(start_date, end_date)) as last from benefit_spell where gemeente_code = $1`, person: 'person_id', start: 'start_date', end: 'end_date',
    dims: { productcategorie: 'regeling', huishouden: 'household_type' },
    fields: { regeling: 'text', end_reason: 'text', household_type: 'text', children: 'number', start_date: 'date', end_date: 'date' },
  },
  schuldhulp: {
    id: 'schuldhulp', relation: 'f_schuldhulp', label: 'Schuldhulpverlening', source: 'schuldhulpregistratie (bron schuldhulp)', extent: `select min(aanmelding_date) as first, max(greatest(aanmelding_date, first_conversation_date, end_date)) as last from schuldhulp_case where gemeente_code = $1`, person: 'person_id', event: 'aanmelding_date', start: 'aanmelding_date', end: 'end_date',
    dims: { team: 'team' },
    fields: { threat: 'text', urgent: 'boolean', in_time: 'boolean', end_reason: 'text', team: 'text' },
  },
  zrm: {
    // Materialised for its planner statistics: PostgreSQL cannot estimate a date range over the
    // view's window output (39 rows assumed for 6 000), and the residence join then ran as a nested
    // loop over every residence span per assessment (62 s for the demo on PostgreSQL 15).
    materialize: true,
    id: 'zrm', relation: 'f_zrm', label: 'ZRM-metingen', source: 'ZRM-metingen (bron zrm)', extent: `select min(assessment_date) as first, max(assessment_date) as last from zrm_assessment where gemeente_code = $1`, person: 'person_id', event: 'assessment_date', dims: {},
    fields: { moment: 'text', financien: 'number', huisvesting: 'number', werk_opleiding: 'number', tijdsbesteding: 'number', sociaal_netwerk: 'number', lowest: 'number', nth: 'number', domains_up: 'number', domains_down: 'number' },
  },
  plan_goal: {
    id: 'plan_goal', relation: 'f_plan_goal', label: 'Plandoelen (GAS)', source: 'plandoelen met GAS-scores (bron plandoelen)', extent: `select min(evaluation_date) as first, max(evaluation_date) as last from plan_goal where gemeente_code = $1`, person: 'person_id', event: 'evaluation_date', dims: { team: 'team' },
    fields: { gas_score: 'number', weight: 'number', life_domain: 'text', team: 'text' },
  },
  plan_evaluation: {
    id: 'plan_evaluation', relation: 'f_plan_evaluation', label: 'Planevaluaties (GAS T-score)', source: 'plandoelen met GAS-scores (bron plandoelen)', extent: `select min(evaluation_date) as first, max(evaluation_date) as last from plan_goal where gemeente_code = $1`, person: 'person_id', event: 'evaluation_date', dims: { team: 'team' },
    fields: { t_score: 'number', goals: 'number', team: 'text' },
  },
  outcome: {
    id: 'outcome', relation: 'f_outcome', label: 'Uitkomsten per beëindigd traject', source: 'uitkomstregistratie van aanbieders (bron uitkomsten)',
    extent: `select min(end_date) as first, max(end_date) as last from trajectory_outcome where gemeente_code = $1`, person: 'person_id', event: 'end_date',
    dims: { wet: 'law', productcategorie: 'category_code', aanbieder: 'agb_code' },
    fields: { law: 'text', informant: 'text', continues_without_help: 'boolean', goals_reached: 'text' },
  },
  experience: {
    id: 'experience', relation: 'f_experience', label: 'Cliëntervaringsonderzoek', source: 'cliëntervaringsonderzoek (bron clientervaring)', extent: `select make_date(min(year), 1, 1) as first, make_date(max(year), 12, 31) as last from client_experience where gemeente_code = $1`, year: 'year', dims: { wet: 'law' },
    fields: { law: 'text', question_code: 'text', theme: 'text', respondents: 'number', agree: 'number' },
  },
  budget_spend: {
    id: 'budget_spend', relation: 'f_budget_spend', label: 'Realisatie en verplichtingen', source: 'begroting en realisatie per taakveld (bron budget)', extent: `select make_date(min(year), 1, 1) as first, (max(make_date(year, greatest(month, 1), 1)) + interval '1 month' - interval '1 day')::date as last from budget_line where gemeente_code = $1 and kind in ('realisatie', 'verplichting')`, year: 'year', month: 'month', dims: { taakveld: 'taakveld', wet: 'law' },
    fields: { kind: 'text', amount_cents: 'number', taakveld: 'text', law: 'text' },
  },
  budget_plan: {
    id: 'budget_plan', relation: 'f_budget_plan', label: 'Begroting', source: 'begroting per taakveld (bron budget)', extent: `select make_date(min(year), 1, 1) as first, make_date(max(year), 12, 31) as last from budget_line where gemeente_code = $1`, year: 'year', dims: { taakveld: 'taakveld', wet: 'law' },
    fields: { amount_cents: 'number', taakveld: 'text', law: 'text' },
  },
  // Per-period facts, built by the compiler from f_provision and f_zrm (compiler.ts periodFact).
  person_period: {
    id: 'person_period', relation: '(per period)', label: 'Inwoners met voorzieningen per periode', source: `${MESSAGES}; uitkeringen; schuldhulp; ZRM`,
    extent: `select (select min(start_date) from trajectory where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', dims: {},
    fields: { n_provisions: 'number', n_laws: 'number', residential: 'boolean', zrm_low: 'boolean', vulnerable: 'boolean' },
  },
  household_period: {
    id: 'household_period', relation: '(per period)', label: 'Huishoudens met voorzieningen per periode', source: `${MESSAGES}; uitkeringen; schuldhulp`,
    extent: `select (select min(start_date) from trajectory where gemeente_code = $1) as first, (select max(dagtekening) from received_message where gemeente_code = $1) as last`, person: 'person_id', dims: {},
    fields: { n_provisions: 'number', n_laws: 'number', n_core_laws: 'number' },
  },
};

/** Age bands for the leeftijd breakdown: [lowest age, label]; the last band is open-ended. */
export const AGE_BANDS: readonly (readonly [number, string])[] = [[0, '0-3'], [4, '4-11'], [12, '12-17'], [18, '18-22'], [23, '23-64'], [65, '65-74'], [75, '75+']];

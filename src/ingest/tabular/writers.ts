/**
 * How each tabular source is stored: record rules that need more than one column, and the rows
 * per table. The importer stages the rows and merges them with INSERT … SELECT … ON CONFLICT on the
 * natural key (stage.ts), so re-importing an export is idempotent and a later export updates a record.
 */
import type { Transaction } from 'kysely';
import { sql } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { parsePeriod } from '../../model/periods.js';
import type { FieldError } from './mapping.js';
import { parseCbsPeriod, parseCbsValue, resolveRegion } from '../../model/regions.js';
import { CBS_MEASURES, ZRM_DOMAINS_2013, ZRM_DOMAINS_2017, ZRM_LEGACY_ONLY, ZRM_LEGACY_TO_2017, ZRM_WIDE_DOMAINS } from './sources.js';
import type { Value } from './values.js';

export interface WriteContext {
  gemeente: string;
  importId: string;
  /** Known area codes of the gemeente → level; null = not checked (previews). */
  areas: Map<string, string> | null;
  /** `${law}|${category}` of every national product category; null = not checked (previews). */
  categories: Set<string> | null;
}

export interface TableSpec {
  table: string;
  /** [column, PostgreSQL array element type], without gemeente_code and import_id. */
  columns: [string, string][];
  /** Conflict key without gemeente_code (leading). */
  key: string[];
  /** Override of the ON CONFLICT action (default: update every non-key column and import_id). */
  onConflict?: string;
  /** Whether the table has an import_id column (default true). */
  importId?: boolean;
}

export type TableRow = unknown[] | null;

/** Whether a writer's answer is a list of errors rather than rows. */
export function isErrors(r: FieldError[] | TableRow[]): r is FieldError[] {
  return r.length > 0 && r[0] !== null && !Array.isArray(r[0]);
}

export interface SourceWriter {
  tables: TableSpec[];
  /** Cross-field rules, then one row (or null) per table in `tables` order. */
  rows(v: Record<string, Value>, personId: string | null, ctx: WriteContext): FieldError[] | TableRow[];
  /** Person-level sources: the column whose date the postcode (residence) is valid from. */
  residenceDate?: string;
  /** Runs in the file's transaction before each batch is written. */
  beforeBatch?(trx: Transaction<Database>, ctx: WriteContext, batch: TableRow[][], state: Map<string, unknown>): Promise<void>;
}

// Every target column is present in a record (null when empty or not mapped).
type V = Value | undefined;
const s = (v: V) => (v === null || v === undefined ? null : String(v));
const n = (v: V) => (v === null || v === undefined ? null : Number(v));
const b = (v: V) => (v === null || v === undefined ? null : Boolean(v));
const err = (field: string, reason: string): FieldError[] => [{ field, reason }];
const LAW_NAMES: Record<string, string> = { wmo: 'de Wmo', jeugd: 'de Jeugdwet', pwet: 'de Participatiewet', schuldhulp: 'schuldhulp' };

function notBefore(v: Record<string, Value>, later: string, earlier: string): FieldError[] {
  const a = v[later]; const c = v[earlier];
  return a !== null && a !== undefined && c !== null && c !== undefined && String(a) < String(c) ? err(later, `${later} ligt vóór ${earlier}`) : [];
}

function categoryCheck(v: Record<string, Value>, ctx: WriteContext, lawField = 'wet', catField = 'productcategorie'): FieldError[] {
  const law = s(v[lawField] ?? null); const cat = s(v[catField] ?? null);
  if (!law || !cat || (law !== 'wmo' && law !== 'jeugd')) return [];
  return !ctx.categories || ctx.categories.has(`${law}|${cat}`) ? [] : err(catField, `productcategorie ${cat} bestaat niet voor ${LAW_NAMES[law]}`);
}

/** CBS: BU + gemeente (4) + wijk (2) + buurt (2) → WK + gemeente + wijk. */
export function wijkOfBuurt(buurt: string): string | null {
  const m = /^BU(\d{6})\d{2}$/.exec(buurt);
  return m ? `WK${m[1]}` : null;
}


/** One peer_reference table per value a cbs_reference record can carry: the long pair (maat, waarde), then one per measure column. */
const CBS_MEASURE_IDS = Object.keys(CBS_MEASURES);
const peerReferenceSpec = (): TableSpec => ({
  table: 'peer_reference',
  columns: [['region_code', 'text'], ['period', 'text'], ['indicator_id', 'text'], ['region_kind', 'text'], ['period_type', 'text'], ['value', 'float8'], ['provisional', 'boolean'], ['source', 'text'], ['table_id', 'text']],
  key: ['region_code', 'period', 'indicator_id'],
  onConflict: `do update set region_kind = excluded.region_kind, period_type = excluded.period_type, value = excluded.value, provisional = excluded.provisional, source = excluded.source, table_id = excluded.table_id, import_id = excluded.import_id, imported_at = now()
    where (peer_reference.value, peer_reference.provisional, peer_reference.source, peer_reference.table_id) is distinct from (excluded.value, excluded.provisional, excluded.source, excluded.table_id)`,
});
const PERIOD_TYPE_OF = (key: string) => (/^\d{4}$/.test(key) ? 'year' : /-H/.test(key) ? 'halfyear' : /-Q/.test(key) ? 'quarter' : 'month');

export const WRITERS: Record<string, SourceWriter> = {
  population: {
    tables: [{ table: 'population', columns: [['year', 'int'], ['area_code', 'text'], ['age', 'int'], ['sex', 'text'], ['inhabitants', 'int']], key: ['year', 'area_code', 'age', 'sex'], importId: false }],
    rows(v, _p, ctx) {
      const area = String(v.wijk);
      if (ctx.areas && !ctx.areas.has(area)) return err('wijk', `wijk of buurt "${area}" is onbekend; importeer eerst de wijken (GeoJSON)`);
      return [[v.jaar, area, v.leeftijd, v.geslacht, v.inwoners]];
    },
    // A file replaces the population of the years it contains (as the CBS/BRP delivers whole years).
    async beforeBatch(trx, ctx, batch, state) {
      const cleared = (state.get('years') as Set<number> | undefined) ?? new Set<number>();
      state.set('years', cleared);
      const years = [...new Set(batch.map((r) => Number(r[0]![0])))].filter((y) => !cleared.has(y));
      if (!years.length) return;
      await sql`delete from population where gemeente_code = ${ctx.gemeente} and year = any(${years}::int[])`.execute(trx);
      for (const y of years) cleared.add(y);
    },
  },

  postcodes: {
    tables: [{ table: 'postcode_area', columns: [['postcode', 'text'], ['area_code', 'text'], ['buurt_code', 'text']], key: ['postcode'], importId: false }],
    rows(v, _p, ctx) {
      const buurt = s(v.buurt);
      const wijk = s(v.wijk) ?? (buurt ? wijkOfBuurt(buurt) : null);
      if (!wijk) return err(buurt ? 'buurt' : 'wijk', buurt ? `buurtcode "${buurt}" is geen CBS-buurtcode (BU + 8 cijfers)` : 'wijk of buurt is verplicht');
      if (ctx.areas && ctx.areas.get(wijk) !== 'wijk') return err('wijk', `wijk "${wijk}" is onbekend; importeer eerst de wijken (GeoJSON)`);
      if (buurt && ctx.areas && !ctx.areas.has(buurt) && [...ctx.areas.values()].includes('buurt')) return err('buurt', `buurt "${buurt}" is onbekend`);
      return [[v.postcode, wijk, buurt]];
    },
  },

  postcode_ranges: {
    tables: [{ table: 'postcode_range', columns: [['postcode', 'text'], ['huisnummer_van', 'int'], ['huisnummer_tot', 'int'], ['pariteit', 'text'], ['area_code', 'text'], ['buurt_code', 'text']], key: ['postcode', 'huisnummer_van', 'huisnummer_tot', 'pariteit'], importId: false }],
    rows(v, p, ctx) {
      const e = Number(v.huisnummer_tot) < Number(v.huisnummer_van) ? err('huisnummer_tot', `huisnummer_tot ${v.huisnummer_tot} ligt vóór huisnummer_van ${v.huisnummer_van}`) : [];
      if (e.length) return e;
      const area = WRITERS.postcodes!.rows(v, p, ctx);
      if (isErrors(area)) return area;
      const [, wijk, buurt] = area[0] as unknown[];
      return [[v.postcode, v.huisnummer_van, v.huisnummer_tot, s(v.pariteit) ?? 'alle', wijk, buurt]];
    },
  },

  contracts: {
    tables: [
      { table: 'aanbieder', columns: [['agb_code', 'text'], ['name', 'text']], key: ['agb_code'], importId: false,
        onConflict: `do update set name = excluded.name where excluded.name <> 'Aanbieder ' || excluded.agb_code` },
      { table: 'contract', columns: [['contract_code', 'text'], ['agb_code', 'text'], ['law', 'text'], ['uitvoeringsvariant', 'text'], ['toewijzingsvariant', 'text'], ['valid_from', 'date'], ['valid_to', 'date']], key: ['contract_code'], importId: false },
      { table: 'product', columns: [['contract_code', 'text'], ['product_code', 'text'], ['law', 'text'], ['category_code', 'text'], ['name', 'text'], ['tariff_cents', 'int'], ['unit', 'text'], ['taakveld', 'text']], key: ['contract_code', 'product_code'], importId: false },
    ],
    rows(v, _p, ctx) {
      const e = [...notBefore(v, 'einddatum', 'ingangsdatum'), ...categoryCheck(v, ctx)];
      if (e.length) return e;
      return [
        [v.agb, s(v.aanbieder) ?? `Aanbieder ${v.agb}`],
        [v.contract, v.agb, v.wet, v.uitvoeringsvariant, s(v.toewijzingsvariant), v.ingangsdatum, s(v.einddatum)],
        [v.contract, v.productcode, v.wet, v.productcategorie, s(v.productnaam) ?? String(v.productcode), n(v.tarief_cent), s(v.eenheid), s(v.taakveld)],
      ];
    },
  },

  budget: {
    tables: [{ table: 'budget_line', columns: [['year', 'int'], ['month', 'int'], ['taakveld', 'text'], ['product_code', 'text'], ['kind', 'text'], ['law', 'text'], ['amount_cents', 'bigint']], key: ['year', 'month', 'taakveld', 'product_code', 'kind'] }],
    rows(v) {
      return [[v.jaar, n(v.maand) ?? 0, v.taakveld, s(v.productcode) ?? '', v.soort, s(v.wet), Math.round(Number(v.bedrag) * 100)]];
    },
  },

  benefits: {
    residenceDate: 'startdatum',
    tables: [{ table: 'benefit_spell', columns: [['person_id', 'text'], ['regeling', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['end_reason', 'text'], ['household_type', 'text'], ['children', 'int']], key: ['person_id', 'regeling', 'start_date'] }],
    rows(v, p) {
      const e = notBefore(v, 'einddatum', 'startdatum');
      if (e.length) return e;
      if (v.reden_einde !== null && v.einddatum === null) return err('reden_einde', 'een reden van beëindiging zonder einddatum');
      return [[p, v.regeling, v.startdatum, s(v.einddatum), s(v.reden_einde), s(v.huishouden), n(v.kinderen)]];
    },
  },

  toegang: {
    residenceDate: 'melddatum',
    tables: [{ table: 'toegang_case', columns: [['case_id', 'text'], ['person_id', 'text'], ['law', 'text'], ['melding_date', 'date'], ['aanvraag_date', 'date'], ['besluit_date', 'date'], ['besluit', 'text'], ['category_code', 'text'], ['team', 'text']], key: ['case_id'] }],
    rows(v, p, ctx) {
      const e = [...notBefore(v, 'aanvraagdatum', 'melddatum'), ...notBefore(v, 'besluitdatum', 'melddatum'), ...notBefore(v, 'besluitdatum', 'aanvraagdatum'), ...categoryCheck(v, ctx)];
      if (v.besluit !== null && v.besluitdatum === null) e.push({ field: 'besluitdatum', reason: 'een besluit zonder besluitdatum' });
      if (v.besluit === null && v.besluitdatum !== null) e.push({ field: 'besluit', reason: 'een besluitdatum zonder besluit' });
      if (e.length) return e;
      return [[v.zaaknummer, p, v.wet, v.melddatum, s(v.aanvraagdatum), s(v.besluitdatum), s(v.besluit), s(v.productcategorie), s(v.team)]];
    },
  },

  schuldhulp: {
    residenceDate: 'aanmelddatum',
    tables: [{ table: 'schuldhulp_case', columns: [['case_id', 'text'], ['person_id', 'text'], ['aanmelding_date', 'date'], ['first_conversation_date', 'date'], ['threat', 'text'], ['early_signal', 'boolean'], ['end_date', 'date'], ['end_reason', 'text'], ['team', 'text']], key: ['case_id'] }],
    rows(v, p) {
      const e = [...notBefore(v, 'eerste_gesprek', 'aanmelddatum'), ...notBefore(v, 'einddatum', 'aanmelddatum')];
      if (v.reden_einde !== null && v.einddatum === null) e.push({ field: 'reden_einde', reason: 'een reden van afsluiting zonder einddatum' });
      if (e.length) return e;
      return [[v.zaaknummer, p, v.aanmelddatum, s(v.eerste_gesprek), s(v.dreiging), b(v.vroegsignalering), s(v.einddatum), s(v.reden_einde), s(v.team)]];
    },
  },

  algemene_voorzieningen: {
    residenceDate: 'startdatum',
    tables: [{ table: 'algemene_voorziening_use', columns: [['person_id', 'text'], ['voorziening', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['aanbieder', 'text']], key: ['person_id', 'voorziening', 'start_date'] }],
    rows(v, p) {
      const e = notBefore(v, 'einddatum', 'startdatum');
      if (e.length) return e;
      return [[p, v.voorziening, v.startdatum, s(v.einddatum), s(v.aanbieder)]];
    },
  },

  algemene_voorzieningen_aantallen: {
    tables: [{ table: 'algemene_voorziening_count', columns: [['voorziening', 'text'], ['period', 'text'], ['period_type', 'text'], ['period_start', 'date'], ['period_end', 'date'], ['area_code', 'text'], ['participants', 'int'], ['contacts', 'int'], ['aanbieder', 'text']], key: ['voorziening', 'period', 'area_code'] }],
    rows(v, _p, ctx) {
      const period = parsePeriod(String(v.periode));
      if (!period) return err('periode', `"${v.periode}" is geen periode (2024, 2024-H1, 2024-Q1 of 2024-03)`);
      const wijk = s(v.wijk);
      if (wijk && ctx.areas && !ctx.areas.has(wijk)) return err('wijk', `wijk "${wijk}" is onbekend; importeer eerst de wijken (GeoJSON)`);
      return [[v.voorziening, period.key, period.type, period.start, period.end, wijk ?? `GM${ctx.gemeente}`, v.deelnemers, n(v.contacten), s(v.aanbieder)]];
    },
  },

  zrm: {
    tables: [{ table: 'zrm_assessment', columns: [['person_id', 'text'], ['assessment_date', 'date'], ['domain', 'text'], ['moment', 'text'], ['version', 'text'], ['source_domain', 'text'], ['score', 'int'], ['plan_id', 'text']], key: ['person_id', 'assessment_date', 'domain'] }],
    rows(v, p) {
      const domain = String(v.domein);
      const legacyOnly = Object.hasOwn(ZRM_LEGACY_ONLY, domain);
      const version = s(v.versie) ?? (legacyOnly ? '2013' : '2017');
      if (version === '2017' && legacyOnly) return err('domein', `domein "${ZRM_LEGACY_ONLY[domain]}" bestaat niet in ZRM 2017 (wel in de versie 2010/2013)`);
      if (version === '2013' && !ZRM_DOMAINS_2013.includes(domain)) return err('domein', `domein "${ZRM_DOMAINS_2017[domain]}" bestaat niet in ZRM 2010/2013`);
      const stored = version === '2013' ? ZRM_LEGACY_TO_2017[domain]! : domain;
      return [[p, v.datum, stored, v.moment, version, domain, v.score, s(v.plannummer)]];
    },
  },

  // One row per measurement with a column per domain: one zrm_assessment row per filled domain (the
  // same table once per domain column, so each domain is its own row of the record).
  zrm_wide: {
    tables: ZRM_WIDE_DOMAINS.map(() => ({ table: 'zrm_assessment', columns: [['person_id', 'text'], ['assessment_date', 'date'], ['domain', 'text'], ['moment', 'text'], ['version', 'text'], ['source_domain', 'text'], ['score', 'int'], ['plan_id', 'text']] as [string, string][], key: ['person_id', 'assessment_date', 'domain'] })),
    rows(v, p) {
      const filled = ZRM_WIDE_DOMAINS.filter((d) => v[d] !== null && v[d] !== undefined);
      if (!filled.length) return err('domein', 'geen enkele domeinscore ingevuld');
      const legacy = filled.filter((d) => Object.hasOwn(ZRM_LEGACY_ONLY, d));
      const version = s(v.versie) ?? (legacy.length ? '2013' : '2017');
      const wrong = version === '2017' ? legacy : filled.filter((d) => !ZRM_DOMAINS_2013.includes(d));
      if (wrong.length) {
        return wrong.map((d) => ({ field: d, reason: version === '2017'
          ? `domein "${ZRM_LEGACY_ONLY[d]}" bestaat niet in ZRM 2017 (wel in de versie 2010/2013)`
          : `domein "${ZRM_DOMAINS_2017[d]}" bestaat niet in ZRM 2010/2013${legacy.length && !s(v.versie) ? ` (de meting heeft ook ${legacy.join(', ')}, dus versie 2010/2013)` : ''}` }));
      }
      return ZRM_WIDE_DOMAINS.map((d) => (filled.includes(d)
        ? [p, v.datum, version === '2013' ? ZRM_LEGACY_TO_2017[d]! : d, v.moment, version, d, v[d], s(v.plannummer)]
        : null));
    },
  },

  plan_goals: {
    tables: [{ table: 'plan_goal', columns: [['plan_id', 'text'], ['goal_id', 'text'], ['evaluation_date', 'date'], ['person_id', 'text'], ['life_domain', 'text'], ['start_date', 'date'], ['gas_score', 'int'], ['weight', 'numeric'], ['team', 'text']], key: ['plan_id', 'goal_id', 'evaluation_date'] }],
    rows(v, p) {
      const e = notBefore(v, 'evaluatiedatum', 'startdatum');
      if (v.gas_score !== null && v.evaluatiedatum === null) e.push({ field: 'evaluatiedatum', reason: 'een GAS-score zonder evaluatiedatum' });
      if (v.gas_score === null && v.evaluatiedatum !== null) e.push({ field: 'gas_score', reason: 'een evaluatiedatum zonder GAS-score' });
      if (e.length) return e;
      return [[v.plannummer, v.doelnummer, s(v.evaluatiedatum), p, s(v.leefgebied), s(v.startdatum), n(v.gas_score), n(v.gewicht) ?? 1, s(v.team)]];
    },
  },

  outcomes: {
    tables: [{ table: 'trajectory_outcome', columns: [['person_id', 'text'], ['law', 'text'], ['agb_code', 'text'], ['end_date', 'date'], ['informant', 'text'], ['category_code', 'text'], ['toewijzing_nummer', 'text'], ['continues_without_help', 'boolean'], ['goals_reached', 'text'], ['satisfied', 'boolean']], key: ['person_id', 'law', 'agb_code', 'end_date', 'informant'] }],
    rows(v, p, ctx) {
      const e = categoryCheck(v, ctx);
      if (e.length) return e;
      return [[p, v.wet, v.agb, v.einddatum, v.informant, s(v.productcategorie), s(v.toewijzingnummer), v.zonder_hulp_verder, s(v.doelen_bereikt), b(v.tevreden)]];
    },
  },

  client_experience: {
    tables: [{ table: 'client_experience', columns: [['year', 'int'], ['law', 'text'], ['question_code', 'text'], ['question', 'text'], ['theme', 'text'], ['respondents', 'int'], ['agree', 'int'], ['neutral', 'int'], ['disagree', 'int']], key: ['year', 'law', 'question_code'] }],
    rows(v) {
      const total = Number(v.eens) + (n(v.neutraal) ?? 0) + (n(v.oneens) ?? 0);
      if (total > Number(v.respondenten)) return err('respondenten', `eens, neutraal en oneens samen (${total}) zijn meer dan het aantal respondenten (${v.respondenten})`);
      return [[v.jaar, v.wet, v.vraagnummer, s(v.vraag), s(v.thema), v.respondenten, v.eens, n(v.neutraal), n(v.oneens)]];
    },
  },

  // CBS reference figures (public, kept per gemeente like its other data, migration 0018): a StatLine export in its long form
  // (maat, waarde) or wide form (a column per subject). "." and empty cells are unknown: no row.
  cbs_reference: {
    tables: [peerReferenceSpec(), ...CBS_MEASURE_IDS.map(peerReferenceSpec)],
    rows(v) {
      const region = resolveRegion(String(v.regio_code));
      if (!region.ok) return err('regio_code', region.reason);
      const period = parseCbsPeriod(String(v.periode));
      if (!period) return err('periode', `"${v.periode}" is geen CBS-periode (bijvoorbeeld 2024, 2024JJ00, 2024 1e halfjaar of 2024KW01)`);
      const errors: FieldError[] = [];
      const row = (indicator: string, field: string): TableRow => {
        const parsed = parseCbsValue(s(v[field]));
        if (!parsed.ok) { errors.push({ field, reason: `"${v[field]}" is geen getal ("." of leeg = onbekend)` }); return null; }
        if (parsed.value === null) return null;
        return [region.region.code, period.key, indicator, region.region.kind, PERIOD_TYPE_OF(period.key), parsed.value, period.provisional, s(v.bron) ?? 'CBS', s(v.tabel)];
      };
      const long = v.maat !== null && v.maat !== undefined ? row(String(v.maat), 'waarde') : null;
      if (v.maat === null && v.waarde !== null && v.waarde !== undefined) errors.push({ field: 'maat', reason: 'een waarde zonder maat' });
      const wide = CBS_MEASURE_IDS.map((id) => (v[id] === null || v[id] === undefined ? null : row(id, id)));
      if (errors.length) return errors;
      return [long, ...wide];
    },
  },
};

import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage, type PeriodType } from '../api.js';
import {
  Alert,
  Button,
  FormField,
  Heading,
  Paragraph,
  Select,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '../components/index.js';
import { dimensionLabel, formatCount, formatPeriod, formatValue, SUPPRESSED_MARK, SUPPRESSED_TEXT } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import {
  ownApi,
  type BuildingBlocks,
  type Condition,
  type Count,
  type FactBlock,
  type MeasureInput,
  type OwnIndicatorInput,
  type Preview,
} from '../own-api.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import './own-indicator.css';

/**
 * "Eigen indicator" (issue 4): a beleidsadviseur builds an indicator from the same building blocks
 * as the catalogue (fact, period boundary, what is counted, filters, age), previews it for the
 * latest periods and saves it. The server checks everything and explains problems in Dutch.
 */
const EDITORS = new Set(['beleid', 'analist', 'beheerder']);

interface FilterDraft {
  key: number;
  field: string;
  op: string;
  value: string;
}

interface MeasureDraft {
  fact: string;
  boundary: string;
  date: string;
  count: string;
  countField: string;
  filters: FilterDraft[];
  ageFrom: string;
  ageTo: string;
  /** Parts the form cannot show (e.g. "anyOf" conditions): kept as they are. */
  keptWhere: Condition[];
  kept: Pick<MeasureInput, 'latestPerPerson' | 'latestWhere'>;
}

interface Draft {
  id: string;
  idTouched: boolean;
  name: string;
  description: string;
  numeratorText: string;
  denominatorText: string;
  group: string;
  unit: string;
  polarity: string;
  factor: string;
  periodTypes: PeriodType[];
  breakdowns: string[];
  numerator: MeasureDraft;
  denominatorKind: 'population' | 'measure';
  populationAgeFrom: string;
  populationAgeTo: string;
  denominator: MeasureDraft;
  extra: Pick<OwnIndicatorInput, 'valueRule' | 'numeratorKind' | 'followUpDays'>;
}

let nextKey = 1;

function slug(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return `eigen_${s}`;
}

function newMeasure(fact: FactBlock | undefined, blocks: BuildingBlocks): MeasureDraft {
  return {
    fact: fact?.id ?? '',
    boundary: fact?.boundaries[0] ?? '',
    date: fact?.defaultDate ?? '',
    count: defaultCount(fact, blocks),
    countField: '',
    filters: [],
    ageFrom: '',
    ageTo: '',
    keptWhere: [],
    kept: {},
  };
}

function defaultCount(fact: FactBlock | undefined, blocks: BuildingBlocks): string {
  return blocks.aggregates.find((a) => !a.needsPerson || fact?.person)?.id ?? 'records';
}

function newDraft(blocks: BuildingBlocks): Draft {
  const fact = blocks.facts.find((f) => f.id === 'trajectory') ?? blocks.facts[0];
  const numerator = newMeasure(fact, blocks);
  if (fact?.boundaries.includes('started')) numerator.boundary = 'started';
  return {
    id: 'eigen_',
    idTouched: false,
    name: '',
    description: '',
    numeratorText: '',
    denominatorText: '',
    group: blocks.groups[1]?.id ?? blocks.groups[0]?.id ?? '',
    unit: '%',
    polarity: 'context',
    factor: '100',
    periodTypes: ['year', 'quarter'],
    breakdowns: ['wijk'],
    numerator,
    denominatorKind: 'population',
    populationAgeFrom: '',
    populationAgeTo: '',
    denominator: newMeasure(fact, blocks),
    extra: {},
  };
}

function ageText(age: [number, number] | undefined): [string, string] {
  return age ? [String(age[0]), String(age[1])] : ['', ''];
}

function toFilter(c: Condition): FilterDraft | null {
  const x = c as Record<string, unknown>;
  if (typeof x.field !== 'string') return null;
  const keys = Object.keys(x).sort().join(',');
  const show = (v: unknown) => (typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));
  if (keys === 'field,op,value') return { key: nextKey++, field: x.field, op: String(x.op), value: show(x.value) };
  if (keys === 'field,in' && Array.isArray(x.in)) return { key: nextKey++, field: x.field, op: 'in', value: x.in.map(show).join(', ') };
  if (keys === 'field,isNull') return { key: nextKey++, field: x.field, op: x.isNull ? 'isNull' : 'notNull', value: '' };
  return null;
}

function measureDraft(m: MeasureInput, blocks: BuildingBlocks): MeasureDraft {
  const fact = blocks.facts.find((f) => f.id === m.fact);
  const filters: FilterDraft[] = [];
  const keptWhere: Condition[] = [];
  for (const c of m.where ?? []) {
    const f = toFilter(c);
    if (f) filters.push(f);
    else keptWhere.push(c);
  }
  const [ageFrom, ageTo] = ageText(m.age);
  const count = typeof m.count === 'string' ? m.count : Object.keys(m.count)[0]!;
  const countField = typeof m.count === 'string' ? '' : (Object.values(m.count)[0] as string);
  return {
    fact: m.fact,
    boundary: m.boundary,
    date: m.date ?? fact?.defaultDate ?? '',
    count,
    countField,
    filters,
    ageFrom,
    ageTo,
    keptWhere,
    kept: { ...(m.latestPerPerson ? { latestPerPerson: true } : {}), ...(m.latestWhere ? { latestWhere: m.latestWhere } : {}) },
  };
}

function draftFromInput(input: OwnIndicatorInput, blocks: BuildingBlocks): Draft {
  const population = 'population' in input.denominator ? input.denominator.population : null;
  const [populationAgeFrom, populationAgeTo] = ageText(population?.age);
  return {
    id: input.id,
    idTouched: true,
    name: input.name,
    description: input.description,
    numeratorText: input.definition.numerator,
    denominatorText: input.definition.denominator,
    group: input.group,
    unit: input.unit,
    polarity: input.polarity,
    factor: String(input.factor).replace('.', ','),
    periodTypes: input.periodTypes,
    breakdowns: input.breakdowns,
    numerator: measureDraft(input.numerator, blocks),
    denominatorKind: population ? 'population' : 'measure',
    populationAgeFrom,
    populationAgeTo,
    denominator: 'population' in input.denominator ? newMeasure(blocks.facts.find((f) => f.id === input.numerator.fact), blocks) : measureDraft(input.denominator, blocks),
    extra: {
      ...(input.valueRule ? { valueRule: input.valueRule } : {}),
      ...(input.numeratorKind ? { numeratorKind: input.numeratorKind } : {}),
      ...(input.followUpDays !== undefined ? { followUpDays: input.followUpDays } : {}),
    },
  };
}

function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!t || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Turns the form into the definition the server takes; collects problems it can see itself, in Dutch. */
function toInput(draft: Draft, blocks: BuildingBlocks): { input: OwnIndicatorInput | null; problems: string[] } {
  const problems: string[] = [];
  const need = (value: string, what: string) => {
    if (!value.trim()) problems.push(`Vul ${what} in.`);
    else if (value.trim().length < 3) problems.push(`Vul ${what} in van minstens 3 tekens.`);
  };
  need(draft.name, 'een naam');
  need(draft.description, 'een beschrijving');
  need(draft.numeratorText, 'uit wat de teller telt');
  need(draft.denominatorText, 'uit wat de noemer telt');
  if (!draft.unit.trim()) problems.push('Vul een eenheid in.');
  if (!/^eigen_[a-z0-9_]{3,40}$/.test(draft.id)) problems.push('De code moet beginnen met "eigen_", met daarna 3 tot 40 kleine letters, cijfers of _.');
  const factor = parseNumber(draft.factor);
  if (factor === null || factor <= 0) problems.push('De factor moet een getal groter dan 0 zijn, bijvoorbeeld 100.');
  if (draft.periodTypes.length === 0) problems.push('Kies minstens één periodesoort.');

  const age = (from: string, to: string, where: string): [number, number] | undefined => {
    if (!from.trim() && !to.trim()) return undefined;
    const a = from.trim() ? parseNumber(from) : 0;
    const b = to.trim() ? parseNumber(to) : 120;
    if (a === null || b === null || !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > 120 || a > b) {
      problems.push(`${where}: de leeftijd moet lopen van een heel getal tot een heel getal tussen 0 en 120.`);
      return undefined;
    }
    return [a, b];
  };

  const measure = (m: MeasureDraft, where: string): MeasureInput => {
    const fact = blocks.facts.find((f) => f.id === m.fact);
    if (!fact) problems.push(`${where}: kies wat u telt.`);
    if (!m.boundary) problems.push(`${where}: kies een periodegrens.`);
    if (m.boundary === 'event' && !m.date && !fact?.defaultDate) problems.push(`${where}: kies welke datum in de periode moet vallen.`);
    let count: Count = m.count as Count;
    if (m.count === 'sum' || m.count === 'median' || m.count === 'sumOverDays') {
      if (!m.countField) problems.push(`${where}: kies het getal dat u optelt of waarvan u de mediaan neemt.`);
      count = { [m.count]: m.countField } as Count;
    }
    const conditions: Condition[] = [];
    m.filters.forEach((f, i) => {
      const label = `${where}, filter ${i + 1}`;
      const type = fact?.fields.find((x) => x.name === f.field)?.type;
      if (!f.field || !type) {
        problems.push(`${label}: kies een veld.`);
        return;
      }
      if (f.op === 'isNull' || f.op === 'notNull') {
        conditions.push({ field: f.field, isNull: f.op === 'isNull' });
        return;
      }
      const convert = (text: string): string | number | boolean | null => {
        const t = text.trim();
        if (!t) return null;
        if (type === 'number') return parseNumber(t);
        if (type === 'boolean') return t === 'true' ? true : t === 'false' ? false : null;
        if (type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null;
        return t;
      };
      if (f.op === 'in') {
        const values = f.value.split(/[;,]/).map(convert);
        if (values.length === 0 || values.some((v) => v === null)) problems.push(`${label}: vul een of meer waarden in, gescheiden door komma's.`);
        else conditions.push({ field: f.field, in: values as (string | number | boolean)[] });
        return;
      }
      const value = convert(f.value);
      if (value === null) problems.push(`${label}: vul een waarde in${type === 'number' ? ' (een getal)' : type === 'date' ? ' (een datum)' : ''}.`);
      else conditions.push({ field: f.field, op: f.op, value });
    });
    const allWhere = [...conditions, ...m.keptWhere];
    const ageBand = age(m.ageFrom, m.ageTo, where);
    return {
      fact: m.fact,
      boundary: m.boundary as MeasureInput['boundary'],
      ...(m.boundary === 'event' && m.date && m.date !== fact?.defaultDate ? { date: m.date } : {}),
      count,
      ...(allWhere.length ? { where: allWhere } : {}),
      ...(ageBand ? { age: ageBand } : {}),
      ...m.kept,
    };
  };

  const numerator = measure(draft.numerator, 'Teller');
  let denominator: OwnIndicatorInput['denominator'];
  if (draft.denominatorKind === 'population') {
    const a = age(draft.populationAgeFrom, draft.populationAgeTo, 'Noemer');
    denominator = { population: a ? { age: a } : {} };
  } else {
    denominator = measure(draft.denominator, 'Noemer');
  }
  if (problems.length) return { input: null, problems };
  return {
    input: {
      id: draft.id,
      name: draft.name.trim(),
      description: draft.description.trim(),
      definition: { numerator: draft.numeratorText.trim(), denominator: draft.denominatorText.trim() },
      unit: draft.unit.trim(),
      polarity: draft.polarity,
      group: draft.group,
      factor: factor!,
      periodTypes: draft.periodTypes,
      breakdowns: draft.breakdowns,
      numerator,
      denominator,
      ...draft.extra,
    },
    problems,
  };
}

/** Breakdowns that fit both numerator and denominator. */
function allowedBreakdowns(draft: Draft, blocks: BuildingBlocks): string[] {
  const dims = (fact: string) => blocks.facts.find((f) => f.id === fact)?.dims ?? [];
  const numerator = dims(draft.numerator.fact);
  const denominator = draft.denominatorKind === 'population' ? blocks.populationDims : dims(draft.denominator.fact);
  return blocks.dimensions.map((d) => d.id).filter((d) => numerator.includes(d) && denominator.includes(d));
}

function Fieldset({ legend, children, className, testId }: { legend: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <fieldset className={`koers-own__fieldset${className ? ` ${className}` : ''}`} data-testid={testId}>
      <legend className="koers-own__legend">{legend}</legend>
      {children}
    </fieldset>
  );
}

function TextArea({ id, value, onChange, describedBy }: { id: string; value: string; onChange: (v: string) => void; describedBy?: string }) {
  return (
    <textarea
      id={id}
      className="utrecht-textarea utrecht-textarea--html-textarea koers-own__textarea"
      rows={3}
      value={value}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function FilterValue({ id, filter, type, onChange }: { id: string; filter: FilterDraft; type: string | undefined; onChange: (v: string) => void }) {
  if (filter.op === 'isNull' || filter.op === 'notNull') return null;
  if (type === 'boolean' && filter.op !== 'in') {
    return (
      <FormField htmlFor={id} label="Waarde">
        <Select id={id} value={filter.value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Kies…</option>
          <option value="true">Ja</option>
          <option value="false">Nee</option>
        </Select>
      </FormField>
    );
  }
  return (
    <FormField htmlFor={id} label={filter.op === 'in' ? 'Waarden (met komma’s)' : 'Waarde'}>
      <Textbox
        id={id}
        type={type === 'date' && filter.op !== 'in' ? 'date' : 'text'}
        inputMode={type === 'number' ? 'decimal' : undefined}
        value={filter.value}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
}

function MeasureFields({ prefix, title, measure, blocks, onChange }: { prefix: string; title: string; measure: MeasureDraft; blocks: BuildingBlocks; onChange: (m: MeasureDraft) => void }) {
  const fact = blocks.facts.find((f) => f.id === measure.fact);
  const focusKey = useRef<number | null>(null);
  useEffect(() => {
    if (focusKey.current !== null) {
      document.getElementById(`${prefix}-filter-field-${focusKey.current}`)?.focus();
      focusKey.current = null;
    }
  });
  const set = (patch: Partial<MeasureDraft>) => onChange({ ...measure, ...patch });
  const setFilter = (key: number, patch: Partial<FilterDraft>) => set({ filters: measure.filters.map((f) => (f.key === key ? { ...f, ...patch } : f)) });
  const chooseFact = (id: string) => {
    const next = blocks.facts.find((f) => f.id === id);
    const boundary = next?.boundaries.includes(measure.boundary as never) ? measure.boundary : (next?.boundaries[0] ?? '');
    const count = blocks.aggregates.some((a) => a.id === measure.count && (!a.needsPerson || next?.person)) && !['sum', 'median', 'sumOverDays'].includes(measure.count) ? measure.count : defaultCount(next, blocks);
    onChange({ ...measure, fact: id, boundary, count, countField: '', date: next?.defaultDate ?? '', filters: [], keptWhere: [], kept: {}, ...(next?.person ? {} : { ageFrom: '', ageTo: '' }) });
  };
  const numberFields = fact?.fields.filter((f) => f.type === 'number') ?? [];
  const dateFields = fact?.fields.filter((f) => f.type === 'date') ?? [];
  const aggregates = blocks.aggregates.filter((a) => (!a.needsPerson || fact?.person) && (!a.field || numberFields.length > 0));
  const needsField = measure.count === 'sum' || measure.count === 'median' || measure.count === 'sumOverDays';

  return (
    <Fieldset legend={title} testId={`${prefix}-measure`}>
      <div className="koers-own__row">
        <FormField htmlFor={`${prefix}-fact`} label="Wat telt u?" description={fact ? `Bron: ${fact.source}` : undefined} descriptionId={`${prefix}-fact-source`}>
          <Select id={`${prefix}-fact`} value={measure.fact} aria-describedby={fact ? `${prefix}-fact-source` : undefined} onChange={(e) => chooseFact(e.target.value)}>
            {blocks.facts.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField htmlFor={`${prefix}-boundary`} label="Wanneer telt het mee in een periode?">
          <Select id={`${prefix}-boundary`} value={measure.boundary} onChange={(e) => set({ boundary: e.target.value })}>
            {blocks.boundaries
              .filter((b) => fact?.boundaries.includes(b.id))
              .map((b) => (
                <option key={b.id} value={b.id}>
                  {b.label}
                </option>
              ))}
          </Select>
        </FormField>
        {measure.boundary === 'event' && dateFields.length > 0 ? (
          <FormField htmlFor={`${prefix}-date`} label="Welke datum?">
            <Select id={`${prefix}-date`} value={measure.date} onChange={(e) => set({ date: e.target.value })}>
              {fact?.defaultDate ? null : <option value="">Kies…</option>}
              {dateFields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </Select>
          </FormField>
        ) : null}
        <FormField htmlFor={`${prefix}-count`} label="Telling">
          <Select id={`${prefix}-count`} value={measure.count} onChange={(e) => set({ count: e.target.value, countField: '' })}>
            {aggregates.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
        </FormField>
        {needsField ? (
          <FormField htmlFor={`${prefix}-count-field`} label="Welk getal?">
            <Select id={`${prefix}-count-field`} value={measure.countField} onChange={(e) => set({ countField: e.target.value })}>
              <option value="">Kies…</option>
              {numberFields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </Select>
          </FormField>
        ) : null}
      </div>

      <Fieldset legend="Filters (niet verplicht)" className="koers-own__fieldset--inner">
        {measure.filters.length === 0 ? <Paragraph small>Geen filters: alles telt mee.</Paragraph> : null}
        {measure.filters.map((f, i) => {
          const type = fact?.fields.find((x) => x.name === f.field)?.type;
          const ops = blocks.operators.filter((o) => type !== 'boolean' || ['=', '<>', 'isNull', 'notNull'].includes(o.id));
          return (
            <fieldset key={f.key} className="koers-own__filter" data-testid={`${prefix}-filter`}>
              <legend className="koers-own__legend koers-own__legend--small">Filter {i + 1}</legend>
              <FormField htmlFor={`${prefix}-filter-field-${f.key}`} label="Veld">
                <Select id={`${prefix}-filter-field-${f.key}`} value={f.field} onChange={(e) => setFilter(f.key, { field: e.target.value, value: '' })}>
                  <option value="">Kies…</option>
                  {fact?.fields.map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.label}
                    </option>
                  ))}
                </Select>
              </FormField>
              <FormField htmlFor={`${prefix}-filter-op-${f.key}`} label="Voorwaarde">
                <Select id={`${prefix}-filter-op-${f.key}`} value={f.op} onChange={(e) => setFilter(f.key, { op: e.target.value })}>
                  {ops.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              </FormField>
              <FilterValue id={`${prefix}-filter-value-${f.key}`} filter={f} type={type} onChange={(value) => setFilter(f.key, { value })} />
              <Button
                appearance="subtle"
                onClick={() => {
                  set({ filters: measure.filters.filter((x) => x.key !== f.key) });
                  document.getElementById(`${prefix}-filter-add`)?.focus();
                }}
              >
                Verwijder filter {i + 1}
              </Button>
            </fieldset>
          );
        })}
        {measure.keptWhere.length > 0 ? (
          <Paragraph small>
            Deze telling heeft ook {measure.keptWhere.length === 1 ? 'een voorwaarde' : `${measure.keptWhere.length} voorwaarden`} die u hier niet
            kunt wijzigen. Die blijven staan.
          </Paragraph>
        ) : null}
        <Button
          id={`${prefix}-filter-add`}
          appearance="secondary-action"
          onClick={() => {
            const key = nextKey++;
            focusKey.current = key;
            set({ filters: [...measure.filters, { key, field: '', op: '=', value: '' }] });
          }}
        >
          Filter toevoegen{title ? ` bij ${title.toLowerCase()}` : ''}
        </Button>
      </Fieldset>

      {fact?.person ? (
        <div className="koers-own__row">
          <FormField htmlFor={`${prefix}-age-from`} label="Leeftijd van (niet verplicht)">
            <Textbox id={`${prefix}-age-from`} inputMode="numeric" size={4} value={measure.ageFrom} onChange={(e) => set({ ageFrom: e.target.value })} />
          </FormField>
          <FormField htmlFor={`${prefix}-age-to`} label="tot en met">
            <Textbox id={`${prefix}-age-to`} inputMode="numeric" size={4} value={measure.ageTo} onChange={(e) => set({ ageTo: e.target.value })} />
          </FormField>
        </div>
      ) : null}
    </Fieldset>
  );
}

function PreviewTable({ preview, unit }: { preview: Preview; unit: string }) {
  if (preview.rows.length === 0) {
    return (
      <Alert type="warning" data-testid="preview-empty">
        <Paragraph>
          Geen cijfers voor deze definitie.
          {preview.missing.length ? ` Er zijn nog geen gegevens uit: ${preview.missing.join('; ')}.` : ' Er is nog niets dat aan de voorwaarden voldoet.'}
        </Paragraph>
      </Alert>
    );
  }
  const periods = [...new Set(preview.rows.map((r) => r.period))].sort().reverse();
  const rows = [...preview.rows].sort((a, b) => {
    const p = periods.indexOf(a.period) - periods.indexOf(b.period);
    if (p) return p;
    const ak = Object.keys(a.breakdown).length;
    const bk = Object.keys(b.breakdown).length;
    return ak - bk || JSON.stringify(a.breakdown).localeCompare(JSON.stringify(b.breakdown));
  });
  const shown = rows.slice(0, 80);
  const label = (r: (typeof rows)[number]) => {
    const parts = Object.entries(r.breakdown);
    return parts.length ? parts.map(([d, v]) => `${dimensionLabel(d)}: ${v}`).join(', ') : 'Hele gemeente';
  };
  return (
    <>
      <TableContainer label="Voorbeeld van de cijfers">
        <Table data-testid="preview-table">
          <TableCaption>Voorbeeld: de laatste {periods.length === 1 ? 'periode' : `${periods.length} perioden`}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Periode</TableHeaderCell>
              <TableHeaderCell>Voor wie</TableHeaderCell>
              <TableHeaderCell numeric>Teller</TableHeaderCell>
              <TableHeaderCell numeric>Noemer</TableHeaderCell>
              <TableHeaderCell numeric>Waarde</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((r, i) => (
              <TableRow key={i}>
                <TableHeaderCell scope="row">{formatPeriod(r.period)}</TableHeaderCell>
                <TableCell>{label(r)}</TableCell>
                <TableCell numeric>{formatCount(r.numerator)}</TableCell>
                <TableCell numeric>{formatCount(r.denominator)}</TableCell>
                <TableCell numeric>{formatValue(r.value, unit)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Paragraph small className="koers-muted">
        {rows.length > shown.length ? `De eerste ${shown.length} van ${rows.length} regels. ` : ''}
        {preview.suppressionProfile !== 'none' ? `Aantallen zijn afgerond. Een ${SUPPRESSED_MARK} betekent: ${SUPPRESSED_TEXT}.` : ''}
      </Paragraph>
    </>
  );
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'problems'; title: string; problems: string[] }
  | { kind: 'saved'; id: string; version: number; changed: boolean };

function OwnIndicatorForm({ blocks, initial, editing }: { blocks: BuildingBlocks; initial: Draft; editing: boolean }) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewType, setPreviewType] = useState<PeriodType>(initial.periodTypes[0] ?? 'year');
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [saved, setSaved] = useState(editing);
  const messageRef = useRef<HTMLDivElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const [focusTarget, setFocusTarget] = useState<'message' | 'preview' | null>(null);

  useEffect(() => {
    if (focusTarget === 'message') messageRef.current?.focus();
    if (focusTarget === 'preview') previewRef.current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);

  const allowed = useMemo(() => allowedBreakdowns(draft, blocks), [draft, blocks]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // Breakdowns that no longer fit the chosen facts are dropped.
  useEffect(() => {
    if (draft.breakdowns.some((b) => !allowed.includes(b))) setDraft((d) => ({ ...d, breakdowns: d.breakdowns.filter((b) => allowed.includes(b)) }));
  }, [allowed, draft.breakdowns]);
  const previewTypes = draft.periodTypes.length ? draft.periodTypes : (['year'] as PeriodType[]);
  const currentPreviewType = previewTypes.includes(previewType) ? previewType : previewTypes[0]!;

  const fail = (title: string, problems: string[]) => {
    setOutcome({ kind: 'problems', title, problems });
    setFocusTarget('message');
  };

  async function run(action: 'preview' | 'save') {
    const { input, problems } = toInput(draft, blocks);
    if (!input) {
      fail('Vul het formulier aan', problems);
      return;
    }
    setBusy(action);
    try {
      if (action === 'preview') {
        const p = await ownApi.preview(input, currentPreviewType);
        setPreview(p);
        setOutcome({ kind: 'none' });
        setFocusTarget('preview');
      } else {
        const r = await ownApi.save(input);
        setSaved(true);
        setOutcome({ kind: 'saved', id: r.indicator.id, version: r.indicator.version, changed: r.changed });
        setFocusTarget('message');
      }
    } catch (error) {
      fail(action === 'preview' ? 'Het voorbeeld kon niet worden gemaakt' : 'Opslaan is niet gelukt', [errorMessage(error)]);
    } finally {
      setBusy(null);
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run('save');
  };


  return (
    <form className="koers-own" noValidate onSubmit={onSubmit} aria-describedby="own-intro">
      <Fieldset legend="Over de indicator">
        <FormField htmlFor="own-name" label="Naam">
          <Textbox
            id="own-name"
            value={draft.name}
            maxLength={120}
            onChange={(e) => {
              const name = e.target.value;
              set(draft.idTouched || saved ? { name } : { name, id: slug(name) });
            }}
          />
        </FormField>
        <FormField
          htmlFor="own-id"
          label="Korte code"
          description={saved ? 'De code blijft gelijk; een wijziging wordt een nieuwe versie.' : 'Begint met eigen_, daarna kleine letters, cijfers of _. Wordt gemaakt uit de naam.'}
          descriptionId="own-id-help"
        >
          <Textbox
            id="own-id"
            value={draft.id}
            readOnly={saved}
            aria-describedby="own-id-help"
            maxLength={46}
            onChange={(e) => set({ id: e.target.value.trim().toLowerCase(), idTouched: true })}
          />
        </FormField>
        <FormField htmlFor="own-description" label="Beschrijving" description="Wat laat dit cijfer zien, in gewone woorden?" descriptionId="own-description-help">
          <TextArea id="own-description" value={draft.description} describedBy="own-description-help" onChange={(description) => set({ description })} />
        </FormField>
        <FormField htmlFor="own-numerator-text" label="Teller in woorden" description="Bijvoorbeeld: personen die in de periode met Wmo-hulp begonnen." descriptionId="own-numerator-text-help">
          <TextArea id="own-numerator-text" value={draft.numeratorText} describedBy="own-numerator-text-help" onChange={(numeratorText) => set({ numeratorText })} />
        </FormField>
        <FormField htmlFor="own-denominator-text" label="Noemer in woorden" description="Bijvoorbeeld: alle inwoners." descriptionId="own-denominator-text-help">
          <TextArea id="own-denominator-text" value={draft.denominatorText} describedBy="own-denominator-text-help" onChange={(denominatorText) => set({ denominatorText })} />
        </FormField>
        <div className="koers-own__row">
          <FormField htmlFor="own-group" label="Groep in de monitor">
            <Select id="own-group" value={draft.group} onChange={(e) => set({ group: e.target.value })}>
              {blocks.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField htmlFor="own-unit" label="Eenheid" description="Bijvoorbeeld %, per 1 000 of dagen." descriptionId="own-unit-help">
            <Textbox id="own-unit" size={12} maxLength={20} value={draft.unit} aria-describedby="own-unit-help" onChange={(e) => set({ unit: e.target.value })} />
          </FormField>
          <FormField htmlFor="own-factor" label="Factor" description="Teller gedeeld door noemer, keer dit getal. 100 voor een percentage." descriptionId="own-factor-help">
            <Textbox id="own-factor" size={10} inputMode="decimal" value={draft.factor} aria-describedby="own-factor-help" onChange={(e) => set({ factor: e.target.value })} />
          </FormField>
          <FormField htmlFor="own-polarity" label="Goede richting">
            <Select id="own-polarity" value={draft.polarity} onChange={(e) => set({ polarity: e.target.value })}>
              {blocks.polarities.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
          </FormField>
        </div>
      </Fieldset>

      <MeasureFields prefix="num" title="Teller" measure={draft.numerator} blocks={blocks} onChange={(numerator) => set({ numerator })} />

      <Fieldset legend="Noemer" testId="den-kind">
        <div className="koers-own__choices" role="radiogroup" aria-label="Waardoor deelt u?">
          <label className="koers-own__choice">
            <input
              type="radio"
              name="own-denominator-kind"
              className="utrecht-radio-button utrecht-radio-button--html-input"
              checked={draft.denominatorKind === 'population'}
              onChange={() => set({ denominatorKind: 'population' })}
            />{' '}
            Inwoners
          </label>
          <label className="koers-own__choice">
            <input
              type="radio"
              name="own-denominator-kind"
              className="utrecht-radio-button utrecht-radio-button--html-input"
              checked={draft.denominatorKind === 'measure'}
              onChange={() => set({ denominatorKind: 'measure' })}
            />{' '}
            Een tweede telling
          </label>
        </div>
        {draft.denominatorKind === 'population' ? (
          <div className="koers-own__row">
            <FormField htmlFor="den-pop-age-from" label="Leeftijd van (niet verplicht)">
              <Textbox id="den-pop-age-from" inputMode="numeric" size={4} value={draft.populationAgeFrom} onChange={(e) => set({ populationAgeFrom: e.target.value })} />
            </FormField>
            <FormField htmlFor="den-pop-age-to" label="tot en met">
              <Textbox id="den-pop-age-to" inputMode="numeric" size={4} value={draft.populationAgeTo} onChange={(e) => set({ populationAgeTo: e.target.value })} />
            </FormField>
          </div>
        ) : (
          <MeasureFields prefix="den" title="Tweede telling" measure={draft.denominator} blocks={blocks} onChange={(denominator) => set({ denominator })} />
        )}
      </Fieldset>

      <Fieldset legend="Uitsplitsingen" testId="breakdowns">
        {allowed.length === 0 ? <Paragraph small>Met deze teller en noemer kan geen uitsplitsing.</Paragraph> : <Paragraph small>Alleen uitsplitsingen die bij teller en noemer passen.</Paragraph>}
        <Choices options={blocks.dimensions.filter((d) => allowed.includes(d.id))} chosen={draft.breakdowns} onChange={(breakdowns) => set({ breakdowns })} />
      </Fieldset>

      <Fieldset legend="Periodesoorten" testId="period-types">
        <Choices options={blocks.periodTypes} chosen={draft.periodTypes} onChange={(periodTypes) => set({ periodTypes })} />
      </Fieldset>

      <div ref={messageRef} tabIndex={-1} className="koers-own__message" data-testid="own-message">
        {outcome.kind === 'problems' ? (
          <Alert type="error" live title={outcome.title}>
            {outcome.problems.length === 1 ? (
              <Paragraph>{outcome.problems[0]}</Paragraph>
            ) : (
              <ul className="utrecht-unordered-list">
                {outcome.problems.map((p) => (
                  <li key={p} className="utrecht-unordered-list__item">
                    {p}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        ) : null}
        {outcome.kind === 'saved' ? (
          <Alert type="ok" live title={outcome.changed ? `Opgeslagen als versie ${outcome.version}` : `Niets veranderd: het blijft versie ${outcome.version}`}>
            <Paragraph>
              {outcome.changed ? 'Koers heeft het cijfer berekend. ' : ''}
              <Link to={`/monitor/indicator/${encodeURIComponent(outcome.id)}`} className="utrecht-link utrecht-link--html-a">
                Bekijk de indicator
              </Link>
            </Paragraph>
          </Alert>
        ) : null}
      </div>

      <div className="utrecht-button-group koers-own__actions">
        {previewTypes.length > 1 ? (
          <FormField htmlFor="own-preview-type" label="Voorbeeld per" className="koers-own__inline">
            <Select id="own-preview-type" value={currentPreviewType} onChange={(e) => setPreviewType(e.target.value as PeriodType)}>
              {blocks.periodTypes
                .filter((p) => previewTypes.includes(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
            </Select>
          </FormField>
        ) : null}
        <Button appearance="secondary-action" busy={busy === 'preview'} disabled={busy !== null} onClick={() => void run('preview')}>
          Voorbeeld
        </Button>
        <Button appearance="primary-action" type="submit" busy={busy === 'save'} disabled={busy !== null}>
          Opslaan
        </Button>
      </div>
      <p className="koers-own__status" role="status" aria-live="polite">
        {busy === 'preview' ? 'Voorbeeld wordt berekend…' : busy === 'save' ? 'Bezig met opslaan…' : ''}
      </p>

      {preview ? (
        <section aria-labelledby="own-preview-heading" className="koers-own__preview" data-testid="own-preview">
          <Heading level={2} id="own-preview-heading" ref={previewRef} tabIndex={-1}>
            Voorbeeld
          </Heading>
          <PreviewTable preview={preview} unit={preview.indicator.unit} />
        </section>
      ) : null}
    </form>
  );
}

export function OwnIndicatorPage({ id }: { id?: string }) {
  const editing = id !== undefined;
  usePageTitle(editing ? 'Eigen indicator wijzigen' : 'Eigen indicator maken');
  const { session } = useSession();
  const mayDefine = EDITORS.has(session.user.role);
  const state = useAsync(
    async (signal) => {
      const [blocks, existing] = await Promise.all([ownApi.buildingBlocks(signal), id ? ownApi.get(id, signal) : Promise.resolve(null)]);
      return { blocks, initial: existing ? draftFromInput(existing.input, blocks) : newDraft(blocks) };
    },
    [id],
  );

  return (
    <>
      <Paragraph small>
        <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
          Terug naar de monitor
        </Link>
      </Paragraph>
      <Heading level={1}>{editing ? 'Eigen indicator wijzigen' : 'Eigen indicator maken'}</Heading>
      <Paragraph lead id="own-intro">
        Maak een cijfer uit dezelfde bouwstenen als de vaste indicatoren: wat u telt (de teller), waardoor u deelt (de
        noemer) en voor welke perioden. Bekijk eerst een voorbeeld; na het opslaan rekent Koers het cijfer na elke
        import opnieuw uit.
      </Paragraph>
      {!mayDefine ? (
        <Alert type="info">
          <Paragraph>Alleen beleidsadviseurs, analisten en beheerders kunnen eigen indicatoren maken of wijzigen.</Paragraph>
        </Alert>
      ) : state.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(state.error)}</Paragraph>
        </Alert>
      ) : state.data ? (
        <OwnIndicatorForm key={id ?? 'new'} blocks={state.data.blocks} initial={state.data.initial} editing={editing} />
      ) : (
        <p className="utrecht-paragraph koers-loading" role="status">
          Bouwstenen laden…
        </p>
      )}
    </>
  );
}

/** A row of checkboxes, one per option; checking adds the id to `chosen`, unchecking removes it. */
function Choices<T extends string>({ options, chosen, onChange }: { options: readonly { id: T; label: string }[]; chosen: readonly T[]; onChange: (next: T[]) => void }) {
  return (
    <div className="koers-own__choices">
      {options.map((o) => (
        <label key={o.id} className="koers-own__choice">
          <input
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={chosen.includes(o.id)}
            onChange={(e) => onChange([...chosen.filter((x) => x !== o.id), ...(e.target.checked ? [o.id] : [])])}
          />{' '}
          {o.label}
        </label>
      ))}
    </div>
  );
}

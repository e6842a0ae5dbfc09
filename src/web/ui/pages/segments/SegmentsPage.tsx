// "Piramide en stapeling" (issue 5): the 80/15/5 pyramid against the vision's target, flows
// between the groups from one period to the next, draagkracht/draaglast (ZRM) per group, and
// stapeling of provisions per household. Every chart has a table; all figures come disclosed
// from the server (only an analist sees unrounded figures).
import { useMemo, useState, type FormEvent } from 'react';
import { BarChart, SankeyChart } from 'echarts/charts';
import { apiRequest, errorMessage } from '../../api.js';
import { chartFontFamily, echarts, type EChartsCoreOption } from '../../charts/echarts.js';
import { useChart } from '../../charts/useChart.js';
import {
  Alert, Button, EmptyState, FormField, Heading, Paragraph, Select, Table, TableBody, TableCaption, TableCell, TableContainer, TableHeader, TableHeaderCell, TableRow, Textbox,
} from '../../components/index.js';
import { formatPeriod, SUPPRESSED_MARK, SUPPRESSED_TEXT } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { useSession } from '../../session.js';
import { setSearchParams, useLocation } from '../../router.js';
import './segments.css';

echarts.use([BarChart, SankeyChart]);

type Segment = 'zelfredzaam' | 'licht' | 'kwetsbaar';
type PeriodType = 'year' | 'halfyear' | 'quarter';
interface Figure { persons: number | null; suppressed: boolean }
interface Area { code: string; name: string }
interface Pyramid {
  target: Record<Segment, number>; periods: string[]; wijken: Area[]; suppressionProfile: 'none' | 'default';
  rows: { period: string; area: string; areaName: string; inhabitants: number | null; status: string | null; segments: Record<Segment, { share: number | null; persons: number | null; suppressed: boolean; target: number }> }[];
}
type FlowFrom = 'instroom' | Segment;
type FlowTo = Segment | 'vertrokken' | 'overleden';
interface Flows {
  pairs: { from: string; to: string }[];
  table: null | {
    from: string; to: string; area: string; areaName: string;
    cells: { from: FlowFrom; to: FlowTo; persons: number | null; suppressed: boolean; direction: string | null }[];
    fromTotals: Record<FlowFrom, Figure>; toTotals: Record<FlowTo, Figure>; total: Figure;
    summary: Record<'lichter' | 'zwaarder' | 'gelijk' | 'instroom' | 'uitstroom', number | null>;
    /** Sums over the published cells only, as published (where a part has suppressed cells, they are left out). */
    published: Record<'lichter' | 'zwaarder' | 'gelijk' | 'instroom' | 'uitstroom', number>;
  };
}
type Basis = 'werk' | 'huisvesting' | 'financien' | 'sociaal_netwerk';
interface Draagkracht {
  periods: string[]; period: string | null;
  rows: { segment: 'alle' | Segment; persons: Figure; balance: Record<'sterk' | 'gelijk' | 'zwak', Figure>; basis: Record<Basis, Figure & { share: number | null }>; meanStrong: number | null; meanWeak: number | null }[];
}
interface Stapeling { rows: { period: string; total: Figure; counts: Record<'1' | '2' | '3' | '4+', Figure>; combos: { combo: string; households: Figure }[] }[] }
interface Config { minLaws: number; residential: boolean; zrmMonths: number; zrmMaxScore: number; target: Record<Segment, number>; custom: boolean; mayEdit: boolean; setBy: string | null }

const SEGMENT_LABEL: Record<string, string> = {
  zelfredzaam: 'Zelfredzaam (geen ondersteuning)', licht: 'Lichte ondersteuning', kwetsbaar: 'Kwetsbaar', alle: 'Alle inwoners met een ZRM',
  instroom: 'Nieuw (geboren of verhuisd naar de gemeente)', vertrokken: 'Verhuisd uit de gemeente', overleden: 'Overleden',
};
const SHORT: Record<string, string> = { zelfredzaam: 'zelfredzaam', licht: 'licht', kwetsbaar: 'kwetsbaar', instroom: 'nieuw', vertrokken: 'verhuisd', overleden: 'overleden' };
const BASIS_LABEL: Record<Basis, string> = { werk: 'Werk of dagbesteding', huisvesting: 'Huisvesting', financien: 'Financiën', sociaal_netwerk: 'Sociaal netwerk' };
const LAW_LABEL: Record<string, string> = { wmo: 'Wmo', jeugd: 'Jeugdwet', pwet: 'Participatiewet', schuldhulp: 'Schuldhulp' };
const SEGMENTS: Segment[] = ['zelfredzaam', 'licht', 'kwetsbaar'];
const FROM: FlowFrom[] = ['instroom', 'zelfredzaam', 'licht', 'kwetsbaar'];
const TO: FlowTo[] = ['zelfredzaam', 'licht', 'kwetsbaar', 'vertrokken', 'overleden'];
const PERIOD_TYPES: { id: PeriodType; label: string }[] = [{ id: 'year', label: 'Jaar' }, { id: 'halfyear', label: 'Halfjaar' }, { id: 'quarter', label: 'Kwartaal' }];

const nl = (n: number, digits = 0) => n.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits });
function Count({ f }: { f: Figure | undefined }) {
  if (!f || f.suppressed || f.persons === null) return <span className="koers-suppressed" title={SUPPRESSED_TEXT}>{SUPPRESSED_MARK}<span className="koers-visually-hidden"> {SUPPRESSED_TEXT}</span></span>;
  return <>{nl(f.persons)}</>;
}
const pct = (v: number | null) => (v === null ? null : `${nl(v, 1)} %`);
const combo = (c: string) => c.split('+').map((x) => LAW_LABEL[x] ?? x).join(' + ');

function query(params: Record<string, string | null | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
}

function ExportLinks({ part, params }: { part: string; params: Record<string, string | null | undefined> }) {
  return (
    <p className="utrecht-paragraph koers-no-print koers-segments__export">
      Downloaden:{' '}
      <a className="utrecht-link utrecht-link--html-a" href={`/api/segments/export${query({ part, format: 'csv', ...params })}`} download>CSV</a>{' · '}
      <a className="utrecht-link utrecht-link--html-a" href={`/api/segments/export${query({ part, format: 'xlsx', ...params })}`} download>Excel (XLSX)</a>
    </p>
  );
}

function Chart({ option, label, testId }: { option: EChartsCoreOption | null; label: string; testId: string }) {
  const ref = useChart(option);
  return <div ref={ref} className="koers-chart koers-segments__chart" role="img" aria-label={label} data-testid={testId} />;
}

// ------------------------------------------------------------------ pyramid

interface SectionProps { periodType: PeriodType; period: string | null; area: string | null; refresh: number }

function PyramidSection({ periodType, period, area, refresh }: SectionProps) {
  const state = useAsync((signal) => apiRequest<Pyramid>(`/api/segments/pyramid${query({ periodType, area })}`, { signal }), [periodType, area, refresh]);
  const data = state.data;
  const periods = data ? [...new Set(data.rows.map((r) => r.period))].sort() : [];
  const shown = period && periods.includes(period) ? period : periods[periods.length - 1];
  const row = data?.rows.find((r) => r.period === shown && (area ? r.area === area : r.area.startsWith('GM')));
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!row) return null;
    const font = chartFontFamily();
    const order = [...SEGMENTS].reverse(); // kwetsbaar on top, as a pyramid
    return {
      textStyle: { fontFamily: font },
      grid: { left: 190, right: 30, top: 30, bottom: 30 },
      legend: { top: 0, data: ['Nu', 'Streefwaarde'] },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: order.map((s) => SEGMENT_LABEL[s]) },
      series: [
        { name: 'Nu', type: 'bar', data: order.map((s) => row.segments[s].share), itemStyle: { color: '#1d4f91' }, label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value == null ? SUPPRESSED_MARK : `${nl(p.value, 1)} %`) } },
        { name: 'Streefwaarde', type: 'bar', data: order.map((s) => row.segments[s].target), itemStyle: { color: '#b5c9e4' } },
      ],
    };
  }, [row]);
  const summary = row ? `Piramide ${formatPeriod(row.period)}, ${row.areaName}: ${SEGMENTS.map((s) => `${SHORT[s]} ${pct(row.segments[s].share) ?? SUPPRESSED_TEXT} (streefwaarde ${nl(row.segments[s].target)} %)`).join('; ')}.` : '';
  return (
    <section className="koers-section" aria-labelledby="pyramid-title">
      <Heading level={2} id="pyramid-title">Piramide: hoeveel inwoners hebben ondersteuning?</Heading>
      <Paragraph>
        Het deel van de inwoners zonder ondersteuning (zelfredzaam), met lichte ondersteuning en kwetsbaar, naast de streefwaarde uit de visie
        {data ? ` (${nl(data.target.zelfredzaam)} / ${nl(data.target.licht)} / ${nl(data.target.kwetsbaar)})` : ''}.
      </Paragraph>
      {state.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(state.error)}</Paragraph></Alert> : null}
      {state.status === 'loading' && !data ? <p className="utrecht-paragraph koers-loading" role="status">Piramide laden…</p> : null}
      {data && !row ? (
        <EmptyState title="Nog geen piramide" level={3}>
          <Paragraph>Er zijn nog geen cijfers voor deze periode of dit gebied. De piramide heeft berichtenverkeer (Wmo, Jeugdwet), uitkeringen, schuldhulp en de bevolking per wijk nodig.</Paragraph>
        </EmptyState>
      ) : null}
      {row ? (
        <>
          <Chart option={option} label={summary} testId="pyramid-chart" />
          <TableContainer label="Tabel: piramide">
            <Table>
              <TableCaption>Inwoners per groep, {formatPeriod(row.period)}, {row.areaName}{row.inhabitants !== null ? ` (${nl(row.inhabitants)} inwoners)` : ''}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Groep</TableHeaderCell>
                  <TableHeaderCell numeric>Inwoners</TableHeaderCell>
                  <TableHeaderCell numeric>Deel</TableHeaderCell>
                  <TableHeaderCell numeric>Streefwaarde</TableHeaderCell>
                  <TableHeaderCell>Verschil</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {SEGMENTS.map((s) => {
                  const x = row.segments[s];
                  const diff = x.share === null ? null : Math.round((x.share - x.target) * 10) / 10;
                  return (
                    <TableRow key={s} data-testid={`pyramid-${s}`}>
                      <TableHeaderCell scope="row">{SEGMENT_LABEL[s]}</TableHeaderCell>
                      <TableCell numeric><Count f={x} /></TableCell>
                      <TableCell numeric>{x.share === null ? <Count f={undefined} /> : pct(x.share)}</TableCell>
                      <TableCell numeric>{nl(x.target)} %</TableCell>
                      <TableCell>{diff === null ? 'niet te tonen' : diff === 0 ? 'gelijk aan de streefwaarde' : `${nl(Math.abs(diff), 1)} procentpunt ${diff > 0 ? 'meer' : 'minder'} dan de streefwaarde`}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          <ExportLinks part="pyramid" params={{ periodType, period: row.period, area }} />
        </>
      ) : null}
    </section>
  );
}

// ------------------------------------------------------------------ flows

/**
 * The flows in one sentence. A part with hidden (small) cells is given as "ten minste zo'n" the sum
 * of its published cells (rounded as they are, so "zo'n"), which those cells show anyway; a part
 * with nothing published is left out.
 */
function flowSentence(t: Pick<NonNullable<Flows['table']>, 'summary' | 'published' | 'from' | 'to'>): string {
  const { summary: s, published } = t;
  const persons = (n: number) => `${nl(n)} ${n === 1 ? 'inwoner' : 'inwoners'}`;
  const part = (k: 'lichter' | 'zwaarder' | 'gelijk', text: string) => {
    const n = s[k];
    if (n !== null) return `${persons(n)} ${text}`;
    return published[k] > 0 ? `ten minste zo'n ${persons(published[k])} ${text}` : null;
  };
  const bits = [part('lichter', 'naar lichtere ondersteuning'), part('zwaarder', 'naar zwaardere ondersteuning'), part('gelijk', 'in dezelfde groep')].filter(Boolean);
  const hidden = s.lichter === null || s.zwaarder === null || s.gelijk === null;
  if (!bits.length) return `Van ${formatPeriod(t.from)} naar ${formatPeriod(t.to)}: de aantallen zijn te klein om te tonen (privacy).`;
  return `Van ${formatPeriod(t.from)} naar ${formatPeriod(t.to)} gingen ${bits.join(', ')}.${hidden ? ' Niet alle aantallen zijn te tonen (privacy).' : ''}`;
}

function FlowsSection({ periodType, period, area, refresh }: SectionProps) {
  const state = useAsync((signal) => apiRequest<Flows>(`/api/segments/flows${query({ periodType, period, area })}`, { signal }), [periodType, period, area, refresh]);
  const t = state.data?.table ?? null;
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!t) return null;
    const links = t.cells.filter((c) => !c.suppressed && (c.persons ?? 0) > 0).map((c) => ({ source: `${SHORT[c.from]} ${formatPeriod(t.from)}`, target: `${SHORT[c.to]} ${formatPeriod(t.to)}`, value: c.persons }));
    const names = [...new Set(links.flatMap((l) => [l.source, l.target]))];
    if (!links.length) return null;
    return { textStyle: { fontFamily: chartFontFamily() }, tooltip: { trigger: 'item' }, series: [{ type: 'sankey', data: names.map((name) => ({ name })), links, emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', curveness: 0.5 }, left: 10, right: 120 }] };
  }, [t]);
  return (
    <section className="koers-section" aria-labelledby="flows-title">
      <Heading level={2} id="flows-title">Bewegingen: naar lichtere of zwaardere ondersteuning?</Heading>
      <Paragraph>Per inwoner met ondersteuning in een van beide perioden: in welke groep hij of zij zat, en in welke groep de periode daarna. Zo is te zien of preventie en normaliseren werken.</Paragraph>
      {state.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(state.error)}</Paragraph></Alert> : null}
      {state.status === 'loading' && !state.data ? <p className="utrecht-paragraph koers-loading" role="status">Bewegingen laden…</p> : null}
      {state.data && !t ? (
        <EmptyState title="Nog geen bewegingen" level={3}>
          <Paragraph>Bewegingen zijn er pas als er gegevens over twee opeenvolgende perioden zijn.</Paragraph>
        </EmptyState>
      ) : null}
      {t ? (
        <>
          <p className="utrecht-paragraph koers-segments__summary" data-testid="flow-summary">{flowSentence(t)}</p>
          {option ? <Chart option={option} label={`Stroomdiagram van ${formatPeriod(t.from)} naar ${formatPeriod(t.to)}, ${t.areaName}. ${flowSentence(t)} De tabel hieronder heeft alle aantallen.`} testId="flow-chart" /> : <Paragraph>Geen stroomdiagram: alle aantallen zijn te klein om te tonen (privacy). De tabel laat zien welke dat zijn.</Paragraph>}
          <TableContainer label="Tabel: bewegingen tussen groepen">
            <Table data-testid="flow-table">
              <TableCaption>Inwoners per groep in {formatPeriod(t.from)} (rijen) en {formatPeriod(t.to)} (kolommen), {t.areaName}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{formatPeriod(t.from)} ↓ / {formatPeriod(t.to)} →</TableHeaderCell>
                  {TO.map((x) => <TableHeaderCell key={x} numeric>{SHORT[x]}</TableHeaderCell>)}
                  <TableHeaderCell numeric>Totaal</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {FROM.map((f) => (
                  <TableRow key={f}>
                    <TableHeaderCell scope="row">{SHORT[f]}</TableHeaderCell>
                    {TO.map((x) => {
                      const c = t.cells.find((y) => y.from === f && y.to === x);
                      return <TableCell key={x} numeric>{c ? <Count f={c} /> : <span className="koers-muted" title="kan niet voorkomen">–</span>}</TableCell>;
                    })}
                    <TableCell numeric><Count f={t.fromTotals[f]} /></TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableHeaderCell scope="row">Totaal</TableHeaderCell>
                  {TO.map((x) => <TableCell key={x} numeric><Count f={t.toTotals[x]} /></TableCell>)}
                  <TableCell numeric><Count f={t.total} /></TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
          <Paragraph>
            <small>Nieuw: geboren of eerst buiten de gemeente gewoond. Een streepje: die beweging kan niet (wie geen ondersteuning had en heeft, telt hier niet mee). Wijk: waar de inwoner aan het eind van {formatPeriod(t.to)} woonde; bij verhuisd of overleden: aan het eind van {formatPeriod(t.from)}.</small>
          </Paragraph>
          <ExportLinks part="flows" params={{ periodType, period: t.to, area }} />
        </>
      ) : null}
    </section>
  );
}

// ------------------------------------------------------------------ draagkracht

function DraagkrachtSection({ periodType, period, area, refresh }: SectionProps) {
  const state = useAsync((signal) => apiRequest<Draagkracht>(`/api/segments/draagkracht${query({ periodType, period, area })}`, { signal }), [periodType, period, area, refresh]);
  const d = state.data;
  const hasData = d && d.rows.some((r) => r.persons.suppressed || (r.persons.persons ?? 0) > 0);
  // Per basisvoorwaarde the share of each group for whom it is not in order (suppressed shares: no bar).
  const bases = Object.keys(BASIS_LABEL) as Basis[];
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!d || !hasData) return null;
    const colours: Record<string, string> = { zelfredzaam: '#b5c9e4', licht: '#5b86c5', kwetsbaar: '#1d4f91', alle: '#6b6b6b' };
    return {
      textStyle: { fontFamily: chartFontFamily() },
      grid: { left: 170, right: 50, top: 40, bottom: 30 },
      legend: { top: 0 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: bases.map((b) => BASIS_LABEL[b]), inverse: true },
      series: d.rows.map((r) => ({
        name: SEGMENT_LABEL[r.segment], type: 'bar', itemStyle: { color: colours[r.segment] },
        data: bases.map((b) => (r.basis[b].share === null ? null : Math.round(r.basis[b].share * 10) / 10)),
      })),
    };
  }, [d, hasData]);
  const chartLabel = d && d.period
    ? `Basisvoorwaarden niet op orde, ${formatPeriod(d.period)}: ${d.rows.map((r) => `${SEGMENT_LABEL[r.segment]}: ${bases.map((b) => `${BASIS_LABEL[b].toLowerCase()} ${pct(r.basis[b].share) ?? SUPPRESSED_TEXT}`).join(', ')}`).join('; ')}. De tabellen hieronder geven dezelfde cijfers.`
    : '';
  return (
    <section className="koers-section" aria-labelledby="draagkracht-title">
      <Heading level={2} id="draagkracht-title">Draagkracht en draaglast</Heading>
      <Paragraph>Voor inwoners met een ZRM (zelfredzaamheidsmatrix): hebben zij meer sterke domeinen (score 4 of 5) dan zwakke (score 1 of 2), en welke basisvoorwaarden zijn het vaakst niet op orde?</Paragraph>
      {state.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(state.error)}</Paragraph></Alert> : null}
      {d && !hasData ? (
        <EmptyState title="Geen ZRM-gegevens" level={3}><Paragraph>Importeer ZRM-metingen (bron zrm) om draagkracht en draaglast te zien.</Paragraph></EmptyState>
      ) : null}
      {d && hasData && d.period ? (
        <>
          <Chart option={option} label={chartLabel} testId="draagkracht-chart" />
          <TableContainer label="Tabel: draagkracht per groep">
            <Table data-testid="draagkracht-table">
              <TableCaption>Inwoners met een ZRM per groep, {formatPeriod(d.period)}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Groep</TableHeaderCell>
                  <TableHeaderCell numeric>Met ZRM</TableHeaderCell>
                  <TableHeaderCell numeric>Meer sterk dan zwak</TableHeaderCell>
                  <TableHeaderCell numeric>Evenveel</TableHeaderCell>
                  <TableHeaderCell numeric>Meer zwak dan sterk</TableHeaderCell>
                  <TableHeaderCell numeric>Gemiddeld sterke domeinen</TableHeaderCell>
                  <TableHeaderCell numeric>Gemiddeld zwakke domeinen</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.rows.map((r) => (
                  <TableRow key={r.segment}>
                    <TableHeaderCell scope="row">{SEGMENT_LABEL[r.segment]}</TableHeaderCell>
                    <TableCell numeric><Count f={r.persons} /></TableCell>
                    <TableCell numeric><Count f={r.balance.sterk} /></TableCell>
                    <TableCell numeric><Count f={r.balance.gelijk} /></TableCell>
                    <TableCell numeric><Count f={r.balance.zwak} /></TableCell>
                    <TableCell numeric>{r.meanStrong === null ? <Count f={undefined} /> : nl(r.meanStrong, 1)}</TableCell>
                    <TableCell numeric>{r.meanWeak === null ? <Count f={undefined} /> : nl(r.meanWeak, 1)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TableContainer label="Tabel: basisvoorwaarden niet op orde">
            <Table data-testid="basis-table">
              <TableCaption>Basisvoorwaarden niet op orde (aantal inwoners en deel van de groep), {formatPeriod(d.period)}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Groep</TableHeaderCell>
                  {(Object.keys(BASIS_LABEL) as Basis[]).map((b) => <TableHeaderCell key={b} numeric>{BASIS_LABEL[b]}</TableHeaderCell>)}
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.rows.map((r) => (
                  <TableRow key={r.segment}>
                    <TableHeaderCell scope="row">{SEGMENT_LABEL[r.segment]}</TableHeaderCell>
                    {(Object.keys(BASIS_LABEL) as Basis[]).map((b) => (
                      <TableCell key={b} numeric><Count f={r.basis[b]} />{r.basis[b].share !== null ? ` (${pct(r.basis[b].share)})` : ''}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <ExportLinks part="draagkracht" params={{ periodType, period: d.period, area }} />
        </>
      ) : null}
    </section>
  );
}

// ------------------------------------------------------------------ stapeling

function StapelingSection({ area, refresh }: Pick<SectionProps, 'area' | 'refresh'>) {
  const state = useAsync((signal) => apiRequest<Stapeling>(`/api/segments/stapeling${query({ area })}`, { signal }), [area, refresh]);
  const rows = state.data?.rows ?? [];
  const combos = [...new Set(rows.flatMap((r) => r.combos.map((c) => c.combo)))].sort((a, b) => a.split('+').length - b.split('+').length || a.localeCompare(b));
  const option = useMemo<EChartsCoreOption | null>(() => {
    if (!rows.length) return null;
    return {
      textStyle: { fontFamily: chartFontFamily() }, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => r.period) }, yAxis: { type: 'value', name: 'huishoudens' },
      series: (['1', '2', '3', '4+'] as const).map((k) => ({ name: `${k} ${k === '1' ? 'voorziening' : 'voorzieningen'}`, type: 'bar', stack: 'n', data: rows.map((r) => (r.counts[k].suppressed ? null : r.counts[k].persons)) })),
    };
  }, [rows]);
  return (
    <section className="koers-section" aria-labelledby="stapeling-title">
      <Heading level={2} id="stapeling-title">Stapeling: huishoudens met meer voorzieningen</Heading>
      <Paragraph>Huishoudens (zelfde adres) met ondersteuning, naar het aantal voorzieningen in het jaar en naar de combinatie van wetten.</Paragraph>
      {state.status === 'error' ? <Alert type="error" live><Paragraph>{errorMessage(state.error)}</Paragraph></Alert> : null}
      {state.data && !rows.length ? <EmptyState title="Nog geen huishoudens met voorzieningen" level={3}><Paragraph>Importeer berichtenverkeer, uitkeringen of schuldhulp.</Paragraph></EmptyState> : null}
      {rows.length ? (
        <>
          <Chart option={option} label={`Staafdiagram: huishoudens per aantal voorzieningen per jaar, ${rows.map((r) => `${r.period}: ${r.total.suppressed ? SUPPRESSED_TEXT : `${nl(r.total.persons ?? 0)} huishoudens`}`).join('; ')}. De tabel hieronder heeft alle aantallen.`} testId="stapeling-chart" />
          <TableContainer label="Tabel: huishoudens naar aantal voorzieningen">
            <Table data-testid="stapeling-table">
              <TableCaption>Huishoudens naar aantal voorzieningen per jaar</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Jaar</TableHeaderCell>
                  <TableHeaderCell numeric>Huishoudens</TableHeaderCell>
                  {(['1', '2', '3', '4+'] as const).map((k) => <TableHeaderCell key={k} numeric>{k} {k === '1' ? 'voorziening' : 'voorzieningen'}</TableHeaderCell>)}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.period}>
                    <TableHeaderCell scope="row">{r.period}</TableHeaderCell>
                    <TableCell numeric><Count f={r.total} /></TableCell>
                    {(['1', '2', '3', '4+'] as const).map((k) => <TableCell key={k} numeric><Count f={r.counts[k]} /></TableCell>)}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TableContainer label="Tabel: huishoudens naar combinatie van wetten">
            <Table>
              <TableCaption>Huishoudens naar combinatie van wetten per jaar</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Combinatie</TableHeaderCell>
                  {rows.map((r) => <TableHeaderCell key={r.period} numeric>{r.period}</TableHeaderCell>)}
                </TableRow>
              </TableHeader>
              <TableBody>
                {combos.map((c) => (
                  <TableRow key={c}>
                    <TableHeaderCell scope="row">{combo(c)}</TableHeaderCell>
                    {rows.map((r) => <TableCell key={r.period} numeric><Count f={r.combos.find((x) => x.combo === c)?.households ?? { persons: 0, suppressed: false }} /></TableCell>)}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <ExportLinks part="stapeling" params={{ area }} />
        </>
      ) : null}
    </section>
  );
}

// ------------------------------------------------------------------ configuration

function ConfigSection({ onSaved }: { onSaved: () => void }) {
  const [version, setVersion] = useState(0);
  const state = useAsync((signal) => apiRequest<Config>('/api/segments/config', { signal }), [version]);
  const c = state.data;
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!c) return null;
  const rules = `Kwetsbaar: ondersteuning uit ${c.minLaws} of meer wetten in dezelfde periode${c.residential ? ', verblijf of beschermd wonen' : ''}, of in de laatste ZRM (${c.zrmMonths} maanden) een score van ${c.zrmMaxScore} of lager op een basisvoorwaarde. Licht: wel ondersteuning, niet kwetsbaar. Zelfredzaam: geen ondersteuning.`;
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const num = (k: string) => Number(String(form.get(k) ?? '').replace(',', '.'));
    setBusy(true);
    setMessage(null);
    try {
      const saved = await apiRequest<Config & { recomputed: boolean }>('/api/segments/config', {
        method: 'PUT',
        body: { minLaws: num('minLaws'), residential: form.get('residential') === 'ja', zrmMonths: num('zrmMonths'), zrmMaxScore: num('zrmMaxScore'), target: { zelfredzaam: num('tZ'), licht: num('tL'), kwetsbaar: num('tK') } },
      });
      setMessage({ type: 'ok', text: saved.recomputed ? 'Opgeslagen. De cijfers zijn opnieuw berekend met de nieuwe grenzen.' : 'Opgeslagen.' });
      setVersion((v) => v + 1);
      onSaved();
    } catch (e) {
      setMessage({ type: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="koers-section" aria-labelledby="config-title">
      <Heading level={2} id="config-title">Hoe de groepen zijn ingedeeld</Heading>
      <Paragraph>{rules} {c.custom ? '' : '(De standaardindeling.)'}</Paragraph>
      {c.mayEdit ? (
        <details className="koers-segments__config">
          <summary>Grenzen en streefwaarden aanpassen</summary>
          <form onSubmit={(e) => void submit(e)} aria-describedby="config-help" key={version}>
            <p id="config-help" className="utrecht-paragraph">Na opslaan rekent Koers de piramide en de bewegingen opnieuw uit. De wijziging komt in het logboek.</p>
            <FormField htmlFor="cfg-laws" label="Kwetsbaar vanaf dit aantal wetten in dezelfde periode (1 tot en met 4)"><Textbox id="cfg-laws" name="minLaws" inputMode="numeric" defaultValue={c.minLaws} required /></FormField>
            <FormField htmlFor="cfg-res" label="Verblijf of beschermd wonen telt als kwetsbaar">
              <Select id="cfg-res" name="residential" defaultValue={c.residential ? 'ja' : 'nee'}><option value="ja">Ja</option><option value="nee">Nee</option></Select>
            </FormField>
            <FormField htmlFor="cfg-months" label="ZRM: de laatste meting binnen dit aantal maanden (1 tot en met 60)"><Textbox id="cfg-months" name="zrmMonths" inputMode="numeric" defaultValue={c.zrmMonths} required /></FormField>
            <FormField htmlFor="cfg-score" label="ZRM: kwetsbaar bij een score van ten hoogste (1 tot en met 4)"><Textbox id="cfg-score" name="zrmMaxScore" inputMode="numeric" defaultValue={c.zrmMaxScore} required /></FormField>
            <fieldset className="utrecht-form-fieldset koers-segments__targets">
              <legend className="utrecht-form-fieldset__legend">Streefwaarden in procenten (samen 100)</legend>
              <FormField htmlFor="cfg-tz" label="Zelfredzaam"><Textbox id="cfg-tz" name="tZ" inputMode="decimal" defaultValue={c.target.zelfredzaam} required /></FormField>
              <FormField htmlFor="cfg-tl" label="Lichte ondersteuning"><Textbox id="cfg-tl" name="tL" inputMode="decimal" defaultValue={c.target.licht} required /></FormField>
              <FormField htmlFor="cfg-tk" label="Kwetsbaar"><Textbox id="cfg-tk" name="tK" inputMode="decimal" defaultValue={c.target.kwetsbaar} required /></FormField>
            </fieldset>
            <Button type="submit" appearance="primary-action" busy={busy} disabled={busy} data-testid="config-save">Opslaan</Button>
          </form>
        </details>
      ) : null}
      {message ? <Alert type={message.type === 'ok' ? 'ok' : 'error'} live><Paragraph>{message.text}</Paragraph></Alert> : null}
    </section>
  );
}

// ------------------------------------------------------------------ page

export function SegmentsPage() {
  usePageTitle('Piramide en stapeling');
  const { session } = useSession();
  const { search } = useLocation();
  const periodType = (PERIOD_TYPES.find((p) => p.id === search.get('periodType'))?.id ?? 'year') as PeriodType;
  const period = search.get('period');
  const area = search.get('area');
  const [refresh, setRefresh] = useState(0);
  const meta = useAsync((signal) => apiRequest<Pyramid>(`/api/segments/pyramid${query({ periodType })}`, { signal }), [periodType, refresh]);
  const periods = meta.data ? [...new Set(meta.data.rows.map((r) => r.period))].sort().reverse() : [];
  return (
    <div className="koers-segments">
      <Heading level={1}>Piramide en stapeling</Heading>
      <Paragraph lead>
        Hoe verdeelt de bevolking zich over zelfredzaam, lichte ondersteuning en kwetsbaar, en beweegt dat de goede kant op?
        {meta.data?.suppressionProfile === 'none' ? ' U ziet onafgeronde aantallen (analist).' : ` Aantallen zijn afgerond op 5; een punt (${SUPPRESSED_MARK}) betekent: ${SUPPRESSED_TEXT}.`}
      </Paragraph>
      <div className="koers-controls koers-no-print">
        <FormField htmlFor="seg-period-type" label="Cijfers per" className="koers-controls__field">
          <Select id="seg-period-type" value={periodType} onChange={(e) => setSearchParams({ periodType: e.target.value === 'year' ? null : e.target.value, period: null })}>
            {PERIOD_TYPES.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </Select>
        </FormField>
        <FormField htmlFor="seg-period" label="Periode" className="koers-controls__field">
          <Select id="seg-period" value={period ?? ''} onChange={(e) => setSearchParams({ period: e.target.value || null })}>
            <option value="">Laatste periode</option>
            {periods.map((p) => <option key={p} value={p}>{formatPeriod(p)}</option>)}
          </Select>
        </FormField>
        <FormField htmlFor="seg-area" label="Gebied" className="koers-controls__field">
          <Select id="seg-area" value={area ?? ''} onChange={(e) => setSearchParams({ area: e.target.value || null })} data-testid="area-select">
            <option value="">Hele gemeente ({session.user.gemeente.name})</option>
            {(meta.data?.wijken ?? []).map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
          </Select>
        </FormField>
      </div>
      <PyramidSection periodType={periodType} period={period} area={area} refresh={refresh} />
      <FlowsSection periodType={periodType} period={period} area={area} refresh={refresh} />
      <DraagkrachtSection periodType={periodType} period={period} area={area} refresh={refresh} />
      <StapelingSection area={area} refresh={refresh} />
      <ConfigSection onSaved={() => setRefresh((r) => r + 1)} />
    </div>
  );
}

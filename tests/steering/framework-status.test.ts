import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/indicators/catalogue.js';
import {
  explainGoal, explainIndicator, marginFor, rollUp, statusOfIndicator, emptyCounts, type GoalSummary, type IndicatorStatus, type Polarity,
} from '../../src/steering/framework/status.js';
import { TEMPLATES, templateIndicatorIds, type TemplateNode } from '../../src/steering/framework/template.js';
import { PARENT_KINDS, dayBefore } from '../../src/steering/framework/repository.js';

const base = { suppressed: false, attentionMargin: null };

describe('indicator status', () => {
  it('judges against the polarity with the default 10 % margin', () => {
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 80, target: 80 })).toBe('op_koers');
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 73, target: 80 })).toBe('aandacht'); // 7 short, margin 8
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 72, target: 80 })).toBe('aandacht'); // exactly the margin
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 71.9, target: 80 })).toBe('niet_op_koers');
    expect(statusOfIndicator({ ...base, polarity: 'down', value: 4, target: 5 })).toBe('op_koers');
    expect(statusOfIndicator({ ...base, polarity: 'down', value: 5.5, target: 5 })).toBe('aandacht');
    expect(statusOfIndicator({ ...base, polarity: 'down', value: 5.6, target: 5 })).toBe('niet_op_koers');
  });
  it('uses the framework’s own margin when set, and a zero target leaves no room by default', () => {
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 70, target: 80, attentionMargin: 10 })).toBe('aandacht');
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 79, target: 80, attentionMargin: 0 })).toBe('niet_op_koers');
    expect(statusOfIndicator({ ...base, polarity: 'down', value: 0.1, target: 0 })).toBe('niet_op_koers');
    expect(marginFor(-20, null)).toBe(2);
  });
  it('never judges context indicators, missing or suppressed values, or values without a target', () => {
    expect(statusOfIndicator({ ...base, polarity: 'context', value: 50, target: 40 })).toBe('context');
    expect(statusOfIndicator({ ...base, polarity: 'up', value: null, target: 40 })).toBe('geen_gegevens');
    expect(statusOfIndicator({ ...base, polarity: 'up', value: 50, suppressed: true, target: 40 })).toBe('geen_gegevens');
    expect(statusOfIndicator({ ...base, polarity: 'up', value: null, suppressed: true, target: 40 })).toBe('geen_gegevens');
    expect(statusOfIndicator({ ...base, polarity: 'down', value: 3, target: null })).toBe('geen_doel');
  });
  it('explains every status in plain Dutch, without showing a suppressed value', () => {
    expect(explainIndicator({ ...base, polarity: 'up', value: 73, target: 80, unit: '%', year: 2025 })).toBe('Het doel voor 2025 is 80 %. Het cijfer is 73 %: 7 procentpunt te laag. Dat is binnen de marge van 8 procentpunt, dus vraagt het aandacht.');
    expect(explainIndicator({ ...base, polarity: 'down', value: 30, target: 20, unit: 'dagen', year: 2025 })).toContain('10 dagen te hoog');
    const hidden = explainIndicator({ ...base, polarity: 'up', value: 12.34, suppressed: true, target: 80, unit: '%', year: 2025 });
    expect(hidden).toContain('zo klein');
    expect(hidden).not.toContain('12');
  });

  const polarity = fc.constantFrom<Polarity>('up', 'down');
  const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  it('property: meeting the target is op koers; the status worsens monotonically as the value moves away', () => {
    fc.assert(fc.property(polarity, num, fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.option(fc.double({ min: 0, max: 1e4, noNaN: true })), (p, target, d1, d2, margin) => {
      const rank: Record<string, number> = { op_koers: 0, aandacht: 1, niet_op_koers: 2 };
      const away = (d: number) => (p === 'up' ? target - d : target + d);
      const near = Math.min(d1, d2), far = Math.max(d1, d2);
      const s = (v: number) => statusOfIndicator({ polarity: p, value: v, suppressed: false, target, attentionMargin: margin });
      expect(rank[s(away(near))]!).toBeLessThanOrEqual(rank[s(away(far))]!);
      expect(s(p === 'up' ? target + near : target - near)).toBe('op_koers');
    }));
  });
  it('property: a suppressed value is geen gegevens whatever the hidden value', () => {
    fc.assert(fc.property(polarity, num, fc.option(num), (p, v, t) => {
      expect(statusOfIndicator({ polarity: p, value: v, suppressed: true, target: t, attentionMargin: null })).toBe('geen_gegevens');
    }));
  });
});

describe('goal roll-up', () => {
  const leaf = (...own: IndicatorStatus[]) => rollUp(own, []);
  it('takes the worst judged status; missing data never hides a bad child', () => {
    expect(rollUp(['op_koers', 'geen_gegevens'], [leaf('niet_op_koers')]).status).toBe('niet_op_koers');
    expect(rollUp(['geen_gegevens', 'geen_gegevens'], [leaf('aandacht')]).status).toBe('aandacht');
    expect(rollUp(['op_koers', 'context', 'geen_doel'], []).status).toBe('op_koers');
  });
  it('without any judgement: geen gegevens, then geen doel, then leeg', () => {
    expect(rollUp(['geen_doel', 'geen_gegevens'], []).status).toBe('geen_gegevens');
    expect(rollUp(['geen_doel', 'context'], []).status).toBe('geen_doel');
    expect(rollUp(['context'], []).status).toBe('geen_doel');
    expect(rollUp([], [rollUp([], [])]).status).toBe('leeg');
  });
  it('counts the whole subtree and says how many figures are missing', () => {
    const g = rollUp(['op_koers'], [leaf('op_koers', 'geen_gegevens')]);
    expect(g.counts).toEqual({ ...emptyCounts(), op_koers: 2, geen_gegevens: 1 });
    expect(explainGoal(g)).toBe('Alle 2 beoordeelde cijfers halen hun doel. Van 1 van de 3 cijfers zijn geen gegevens.');
  });

  const status = fc.constantFrom<IndicatorStatus>('op_koers', 'aandacht', 'niet_op_koers', 'geen_gegevens', 'geen_doel', 'context');
  const treeAt = (depth: number): fc.Arbitrary<GoalSummary> => depth === 0
    ? fc.array(status, { maxLength: 4 }).map((own) => rollUp(own, []))
    : fc.tuple(fc.array(status, { maxLength: 4 }), fc.array(treeAt(depth - 1), { maxLength: 3 })).map(([own, children]) => rollUp(own, children));
  const tree = treeAt(3);
  it('property: the roll-up equals the worst judged status over all indicators of the subtree', () => {
    fc.assert(fc.property(fc.array(status, { maxLength: 6 }), fc.array(tree, { maxLength: 4 }), (own, children) => {
      const g = rollUp(own, children);
      const c = g.counts;
      const expected = c.niet_op_koers ? 'niet_op_koers' : c.aandacht ? 'aandacht' : c.op_koers ? 'op_koers'
        : c.geen_gegevens ? 'geen_gegevens' : (c.geen_doel + c.context) ? 'geen_doel' : 'leeg';
      expect(g.status).toBe(expected);
      // Adding a child without data never changes a judgement.
      if (['op_koers', 'aandacht', 'niet_op_koers'].includes(g.status)) expect(rollUp(own, [...children, leaf('geen_gegevens')]).status).toBe(g.status);
    }));
  });
});

describe('template', () => {
  const t = TEMPLATES[0]!;
  it('has the usual themes of a Dutch social-domain vision', () => {
    const themes = t.nodes.map((n) => n.title);
    for (const x of ['Iedereen doet mee naar vermogen', 'Eigen kracht en samenredzaamheid', 'Betaalbare en effectieve zorg en ondersteuning', 'Elke inwoner is uniek', 'Preventie en normaliseren', 'Eén gezin, één plan, één regisseur']) expect(themes).toContain(x);
  });
  it('suggests only real catalogue indicators, including the 80/15/5 segments', () => {
    const ids = templateIndicatorIds(t);
    for (const id of ids) expect(CATALOGUE.map((d) => d.id)).toContain(id);
    expect(ids).toEqual(expect.arrayContaining(['segment_self_reliant_pct', 'segment_at_risk_pct', 'segment_vulnerable_pct']));
  });
  it('follows the kind hierarchy (theme → effect → doel → programma)', () => {
    const walk = (n: TemplateNode, parent: TemplateNode | null) => {
      expect(PARENT_KINDS[n.kind]).toContain(parent ? parent.kind : null);
      for (const c of n.children ?? []) walk(c, n);
    };
    t.nodes.forEach((n) => walk(n, null));
  });
  it('dates: the day before crosses months, years and leap days', () => {
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });
});

import type { Db } from '../../db/index.js';
import type { Role, Scope } from '../../auth/index.js';
import { findDefinition, readResults } from '../../indicators/index.js';
import { readTargets, replaceTargets } from '../../indicators/targets.js';
import { adoptVersion, createFramework, readVersion } from './repository.js';
import { statusOfIndicator, type IndicatorStatus } from './status.js';

/**
 * The demo gemeente's beleidskader: the template, adopted by the (fictional) council, with targets
 * for 2025 and 2026 so that "hoe staan we ervoor" tells a story.
 *
 * Targets are derived from the demo's own figures at load time, not hard-coded: the generator's
 * numbers change with its seed and scale, and a fixed target would give a random mix of colours.
 * Each indicator gets the outcome the story needs (below), and the target is placed relative to the
 * disclosed value (the figure everyone but an analist sees) so that exactly that outcome follows
 * under the status rules in status.ts:
 *  - op koers: the target is 3 % easier than the value;
 *  - aandacht: the value misses the target by about 5 % (inside the default 10 % margin);
 *  - niet op koers: it misses by about 15 % (outside the margin; a percentage target is capped at 100).
 * The story: the 80/15/5 pyramid and dropout are off track (the reason the gemeente invests in
 * prevention), youth protection, waiting times and cost need attention, and work, debt help and
 * finishing as planned are on track. Indicators whose figure is suppressed (small numbers) get no
 * target: a target placed next to a hidden value would reveal it. Context indicators get none either.
 */
const STORY: Record<string, Exclude<IndicatorStatus, 'geen_gegevens' | 'geen_doel' | 'context'>> = {
  segment_self_reliant_pct: 'niet_op_koers', segment_vulnerable_pct: 'niet_op_koers', dropout_pct: 'niet_op_koers',
  bbv_youth_jeugdbescherming_pct: 'aandacht', wait_to_start_days_median: 'aandacht', cost_per_client: 'aandacht', repeat_use_at_start_pct: 'aandacht',
  wmo_decision_days_median: 'aandacht', basic_conditions_met_pct: 'aandacht',
};
const ROTATION = ['op_koers', 'op_koers', 'aandacht', 'niet_op_koers'] as const;
const SHIFT = { op_koers: -0.03, aandacht: 0.05, niet_op_koers: 0.15 } as const;

export const DEMO_TARGET_YEARS = [2025, 2026];

export async function seedDemoFramework(db: Db, gemeente: string): Promise<{ frameworkId: string; targets: number }> {
  const user = await db.selectFrom('app_user').select(['user_id', 'username']).where('gemeente_code', '=', gemeente).where('role', '=', 'beleid').orderBy('created_at').executeTakeFirst();
  if (!user) throw new Error(`Demo: gemeente ${gemeente} has no beleid account to write the beleidskader as.`);
  const scope: Scope = { userId: user.user_id, username: user.username, role: 'beleid' as Role, gemeenteCode: gemeente };
  const { frameworkId } = await createFramework(db, scope, { templateId: 'sociaal-domein', title: 'Koers sociaal domein Koersdam 2025–2028' });
  await adoptVersion(db, scope, frameworkId, 1, { adoptedOn: '2024-12-19', decisionRef: 'Raadsbesluit 2024-112', inForceFrom: '2025-01-01' });

  const detail = await readVersion(db, scope, frameworkId, 1);
  const ids = [...new Set(detail.nodes.flatMap((n) => n.indicators.map((i) => i.indicatorId)))];
  const existing = await readTargets(db, gemeente, null);
  let count = 0;
  let turn = 0;
  for (const id of ids) {
    const d = await findDefinition(db, gemeente, id);
    if (!d || d.polarity === 'context' || existing.some((t) => t.indicatorId === id)) continue;
    const rows = await readResults(db, d, { gemeente, periodType: 'year', by: null, profile: 'default' });
    const outcome = STORY[id] ?? ROTATION[turn++ % ROTATION.length]!;
    const entries = [];
    for (const year of DEMO_TARGET_YEARS) {
      const row = rows.find((r) => r.period === String(year)) ?? rows.filter((r) => r.value !== null).at(-1);
      if (!row || row.value === null || row.suppressed || row.value === 0) continue;
      const value = row.value;
      // "Easier" and "stricter" depend on the polarity: for 'up' a lower target is easier.
      const factor = d.polarity === 'up' ? 1 - SHIFT[outcome] : 1 + SHIFT[outcome];
      const decimals = d.unit === '%' || Math.abs(value) < 100 ? 1 : 0;
      let target = Math.round((value / factor) * 10 ** decimals) / 10 ** decimals;
      if (d.unit === '%') target = Math.min(100, Math.max(0, target));
      if (statusOfIndicator({ polarity: d.polarity, value, suppressed: false, target, attentionMargin: null }) !== outcome) continue;
      entries.push({ year, area: null, target, baseline: null, note: 'Demo: afgeleid van de cijfers bij het laden.' });
    }
    if (entries.length === 0) continue;
    await replaceTargets(db, gemeente, id, entries, scope.username);
    count += entries.length;
  }
  return { frameworkId, targets: count };
}

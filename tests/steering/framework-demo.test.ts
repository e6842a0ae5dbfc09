import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser, type Scope } from '../../src/auth/index.js';
import { sql } from '../../src/db/index.js';
import { invalidateResults } from '../../src/indicators/index.js';
import { readTargets } from '../../src/indicators/targets.js';
import { buildStatusView, listFrameworks } from '../../src/steering/framework/index.js';
import { seedDemoFramework } from '../../src/steering/framework/demo.js';
import { createApp } from '../../src/web/server/app.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

/**
 * The demo's beleidskader: adopted, with targets derived from the stored figures so each indicator
 * gets the outcome of the story, and no target beside a suppressed figure.
 */
describe.each(ENGINES)('demo beleidskader on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addUser(k.db, { gemeenteCode: '9001', username: 'beleid', password: 'correct horse battery', role: 'beleid' });
    const result = (id: string, period: string, numerator: number, denominator: number) => sql`
      insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      values ('9001', ${id}, 1, 'year', ${period}, '9001', '', '{}', ${numerator}, ${denominator}, ${Math.round((numerator / denominator) * 10000) / 100}, 'final', now())`.execute(k.db);
    for (const year of ['2025', '2026']) {
      await result('segment_self_reliant_pct', year, 4700, 6000); // story: niet op koers (up)
      await result('segment_vulnerable_pct', year, 330, 6000); // story: niet op koers (down)
      await result('bbv_youth_jeugdbescherming_pct', year, 60, 5000); // story: aandacht (down)
      await result('bijstand_exit_to_work_pct', year, 40, 400); // rotation
      await result('ended_as_planned_pct', year, 300, 500); // rotation
      await result('zrm_progress_pct', year, 4, 40); // suppressed: no target
    }
    invalidateResults(k.db, '9001');
  });
  afterAll(async () => { await k?.cleanup(); });

  it('adopts the template and places the targets so the story holds', async () => {
    const { frameworkId, targets } = await seedDemoFramework(k.db, '9001');
    const scope: Scope = { userId: 'x', username: 'raad', role: 'raad', gemeenteCode: '9001' };
    const fws = await listFrameworks(k.db, scope);
    expect(fws.map((f) => f.versions.map((v) => [v.status, v.inForceFrom]))).toEqual([[['vastgesteld', '2025-01-01']]]);
    const all = await readTargets(k.db, '9001', null);
    expect(targets).toBe(all.length);
    expect(new Set(all.map((t) => t.year))).toEqual(new Set([2025, 2026]));
    expect(all.some((t) => t.indicatorId === 'zrm_progress_pct')).toBe(false);
    for (const year of [2025, 2026]) {
      const view = await buildStatusView(k.db, scope, frameworkId, 1, { year });
      const status = (id: string) => view.nodes.flatMap((n) => n.indicators).find((i) => i.indicatorId === id)!.status;
      expect(status('segment_self_reliant_pct')).toBe('niet_op_koers');
      expect(status('segment_vulnerable_pct')).toBe('niet_op_koers');
      expect(status('bbv_youth_jeugdbescherming_pct')).toBe('aandacht');
      expect(['op_koers', 'aandacht', 'niet_op_koers']).toContain(status('bijstand_exit_to_work_pct'));
      expect(status('zrm_progress_pct')).toBe('geen_gegevens');
      expect(status('segment_at_risk_pct')).toBe('context');
    }
  });

  it('documents every beleidskader route in the OpenAPI description', async () => {
    const app = createApp(k, { demoHint: null });
    const doc = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = app.routes.filter((r) => r.path.startsWith('/api/frameworks') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
  });
});

import type { Hono } from 'hono';
import { z } from 'zod';
import { audit, seesUnsuppressed } from '../../../auth/index.js';
import type { Db } from '../../../db/index.js';
import { findIndicator } from '../../../indicators/index.js';
import { comparePeers, readPeers, replacePeers } from '../../../indicators/peers.js';
import { parsePeriod } from '../../../model/periods.js';
import { parseCbsPeriod, regionByCode } from '../../../model/regions.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { clientIp, requireSession, type ApiEnv } from './context.js';

/**
 * Comparisons with peers (issue 4): an indicator's own disclosed figure beside the CBS figures
 * for Nederland, the province, gemeenten of the same size class and chosen peers; the chosen peer
 * list. CBS figures are public, kept per gemeente (peer_reference, the copy the gemeente imported); the own figure comes from
 * readResults with the caller's disclosure profile, as everywhere else.
 */

/** Who may choose the peers. */
export const PEER_EDITORS = new Set(['beleid', 'beheerder']);
const MAX_PEERS = 20;

const peersBody = z.object({ peers: z.array(z.string().max(10)).max(MAX_PEERS) });

export function registerPeerRoutes(app: Hono<ApiEnv>, db: Db) {
  app.get('/api/indicators/:id/peers', async (c) => {
    const s = requireSession(c);
    const d = findIndicator(c.req.param('id'));
    if (!d) throw notFound(`Indicator "${c.req.param('id')}" bestaat niet.`);
    const raw = c.req.query('period');
    let period: string | null = null;
    if (raw) {
      period = parsePeriod(raw)?.key ?? parseCbsPeriod(raw)?.key ?? null;
      if (!period) throw badRequest(`"${raw}" is geen periode (bijvoorbeeld 2024, 2024-H1, 2024-Q1 of 2024-03).`);
    }
    const profile = seesUnsuppressed(s.scope) ? 'none' : 'default';
    const body = await comparePeers(db, d, { gemeente: s.scope.gemeenteCode, period, profile });
    return c.json({ ...body, suppressionProfile: profile, mayEditPeers: PEER_EDITORS.has(s.scope.role) });
  });

  app.get('/api/peers', async (c) => {
    const s = requireSession(c);
    return c.json({ peers: await readPeers(db, s.scope.gemeenteCode), mayEdit: PEER_EDITORS.has(s.scope.role), max: MAX_PEERS });
  });

  app.put('/api/peers', async (c) => {
    const s = requireSession(c);
    if (!PEER_EDITORS.has(s.scope.role)) throw forbidden('Alleen beleidsadviseurs en beheerders kunnen vergelijkingsgemeenten kiezen.');
    const parsed = peersBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest(`Stuur { peers: ["GM0363", …] } met hoogstens ${MAX_PEERS} gemeenten.`);
    const codes: string[] = [];
    for (const raw of parsed.data.peers) {
      const m = /^(?:GM)?(\d{1,4})$/i.exec(raw.trim());
      const code = m ? `GM${m[1]!.padStart(4, '0')}` : null;
      if (!code || regionByCode(code)?.kind !== 'gemeente') throw badRequest(`"${raw}" is geen gemeentecode van het CBS (bijvoorbeeld GM0363).`);
      if (code === `GM${s.scope.gemeenteCode}`) throw badRequest('Je eigen gemeente staat al in de vergelijking.');
      if (!codes.includes(code)) codes.push(code);
    }
    const before = (await readPeers(db, s.scope.gemeenteCode)).map((p) => p.code);
    await replacePeers(db, s.scope.gemeenteCode, codes, s.scope.username);
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'peer_list', object: 'peers', details: { before, after: codes }, ip: clientIp(c) });
    return c.json({ peers: await readPeers(db, s.scope.gemeenteCode), mayEdit: true, max: MAX_PEERS });
  });
}

import { NotFoundPage } from '../NotFoundPage.js';
import { matchPath } from '../../router.js';
import { ActionPage } from './ActionPage.js';
import { ActionsPage } from './ActionsPage.js';
import { CurvePage } from './CurvePage.js';
import { SteeringPage } from './SteeringPage.js';

/** Routes of the Sturen overview, turn the curve and actions (one lazy chunk; it carries echarts). */
export default function CurveArea({ pathname }: { pathname: string }) {
  if (matchPath('/sturen', pathname)) return <SteeringPage />;
  if (matchPath('/sturen/acties', pathname)) return <ActionsPage />;
  const action = matchPath('/sturen/acties/:id', pathname);
  if (action?.params.id) {
    const id = action.params.id === 'nieuw' ? null : action.params.id;
    return <ActionPage key={id ?? 'nieuw'} id={id} />;
  }
  const curve = matchPath('/sturen/curve/:id', pathname);
  if (curve?.params.id) return <CurvePage key={curve.params.id} id={curve.params.id} />;
  return <NotFoundPage />;
}

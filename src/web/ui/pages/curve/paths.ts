import { matchPath } from '../../router.js';

/** Pages of turn the curve, actions and the Sturen overview (outside the lazy chunk, so App knows them first). */
export const CURVE_PATHS = ['/sturen', '/sturen/acties', '/sturen/acties/:id', '/sturen/curve/:id'];

export const isCurvePath = (pathname: string): boolean => CURVE_PATHS.some((p) => matchPath(p, pathname) !== null);

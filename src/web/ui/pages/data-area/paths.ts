import { matchPath } from '../../router.js';

/** The pages of the Data area (kept out of the lazy chunk, so the app knows them before loading it). */
export const DATA_PATHS = ['/data', '/data/importeren', '/data/geschiedenis', '/data/geschiedenis/:id', '/data/quarantaine', '/data/quarantaine/:id', '/data/koppelingen', '/data/kwaliteit'];

export const isDataPath = (pathname: string): boolean => DATA_PATHS.some((p) => matchPath(p, pathname) !== null);

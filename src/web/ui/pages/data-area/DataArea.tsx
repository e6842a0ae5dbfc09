import type { ReactNode } from 'react';
import { mayImport, type Role } from '../../../../auth/roles.js';
import { Heading, Paragraph, SubNav, type SubNavItem } from '../../components/index.js';
import { usePageTitle } from '../../hooks.js';
import { Link, matchPath } from '../../router.js';
import { useSession } from '../../session.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { DataOverviewPage } from './DataOverviewPage.js';
import { ImportDetailPage } from './ImportDetailPage.js';
import { ImportHistoryPage } from './ImportHistoryPage.js';
import { ImportPage } from './ImportPage.js';
import { MappingsPage } from './MappingsPage.js';
import { QuarantinePage } from './QuarantinePage.js';
import { QuarantineRecordPage } from './QuarantineRecordPage.js';
import { QualityPage } from '../QualityPage.js';
import './data.css';

const QUALITY_ROLES = new Set(['beheerder', 'analist', 'beleid', 'controller', 'contractmanager', 'aanbieder']);

export const DATA_PAGES: SubNavItem[] = [
  { to: '/data', label: 'Overzicht' },
  { to: '/data/importeren', label: 'Importeren' },
  { to: '/data/geschiedenis', label: 'Geschiedenis', prefix: true },
  { to: '/data/quarantaine', label: 'Quarantaine', prefix: true },
  { to: '/data/kwaliteit', label: 'Kwaliteit' },
  { to: '/data/koppelingen', label: 'Koppelingen' },
];

/** The same policy as the server (src/auth/roles.ts): beheerders and analisten import. */
export function canImport(role: string): boolean {
  return mayImport({ userId: '', username: '', gemeenteCode: '', role: role as Role });
}

/** For roles that may not import: what this area is and whom to ask. */
export function NotAllowed({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph lead>Gegevens inlezen en importfouten bekijken kan alleen met de rol beheerder of analist.</Paragraph>
      <Paragraph>
        Wilt u gegevens aanleveren, of ziet u een fout in de cijfers? Neem dan contact op met de beheerder van Koers in uw
        gemeente. Bekijk in de tussentijd de cijfers in de{' '}
        <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
          Monitor
        </Link>
        .
      </Paragraph>
    </>
  );
}

/** The Data area: overview, upload, history, quarantine and mappings (routes under /data). */
export default function DataArea({ pathname }: { pathname: string }) {
  const { session } = useSession();
  const allowed = canImport(session.user.role);
  let page: ReactNode;
  let title = 'Data';
  const detail = matchPath('/data/geschiedenis/:id', pathname);
  const quarantined = matchPath('/data/quarantaine/:id', pathname);
  if (matchPath('/data', pathname)) page = <DataOverviewPage allowed={allowed} />;
  else if (matchPath('/data/importeren', pathname)) { title = 'Gegevens importeren'; page = <ImportPage />; }
  else if (matchPath('/data/geschiedenis', pathname)) { title = 'Importgeschiedenis'; page = <ImportHistoryPage />; }
  else if (detail?.params.id) { title = 'Import'; page = <ImportDetailPage key={detail.params.id} id={detail.params.id} />; }
  else if (matchPath('/data/quarantaine', pathname)) { title = 'Quarantaine'; page = <QuarantinePage />; }
  else if (quarantined?.params.id) { title = 'Regel verbeteren'; page = <QuarantineRecordPage key={quarantined.params.id} id={quarantined.params.id} />; }
  else if (matchPath('/data/koppelingen', pathname)) { title = 'Koppelingen'; page = <MappingsPage />; }
  else if (matchPath('/data/kwaliteit', pathname)) {
    // Data quality is for more roles than importing (the server checks: src/web/server/routes/quality.ts).
    if (!QUALITY_ROLES.has(session.user.role)) return <NotAllowed title="Datakwaliteit" />;
    page = <QualityPage />;
    if (!allowed) return <div className="koers-data">{page}</div>;
  }
  else return <NotFoundPage />;

  if (!allowed && !matchPath('/data', pathname)) return <NotAllowed title={title} />;
  return (
    <div className="koers-data">
      {allowed ? <SubNav label="Data" items={DATA_PAGES} currentPath={pathname} /> : null}
      {page}
    </div>
  );
}

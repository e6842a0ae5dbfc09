import { errorMessage } from '../../api.js';
import { dataApi } from '../../data-api.js';
import { Alert, Heading, Paragraph } from '../../components/index.js';
import { formatDateTime } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link } from '../../router.js';
import { summarySentence, viaLabel, whoLabel } from './labels.js';

const LINKS = [
  { to: '/data/importeren', title: 'Importeren', text: 'Berichten van aanbieders (iWmo en iJw), zip-bestanden, bevolking, wijken en eigen tabellen inlezen.' },
  { to: '/data/geschiedenis', title: 'Geschiedenis', text: 'Wat is wanneer ingelezen, door wie, en wat ging er mis per bestand.' },
  { to: '/data/quarantaine', title: 'Quarantaine', text: 'Bestanden en regels die Koers niet kon inlezen, met de plek en de reden. Los ze op of negeer ze.' },
  { to: '/data/koppelingen', title: 'Koppelingen', text: 'Vertel Koers welke kolom in uw eigen bestand bij welk gegeven hoort, en bewaar dat voor de volgende keer.' },
];

async function loadStatus(signal: AbortSignal) {
  const [history, quarantine] = await Promise.all([dataApi.imports(1, signal), dataApi.quarantine({ status: 'open', page: 1 }, signal)]);
  return { latest: history.imports[0] ?? null, open: quarantine.total };
}

function Status() {
  const state = useAsync(loadStatus, []);
  if (state.status === 'error') {
    return (
      <Alert type="error">
        <Paragraph>{errorMessage(state.error)}</Paragraph>
      </Alert>
    );
  }
  if (!state.data) return <p className="utrecht-paragraph koers-loading" role="status">Stand van zaken laden…</p>;
  const { latest, open } = state.data;
  return (
    <section className="koers-section koers-data-status" aria-labelledby="data-status">
      <Heading level={2} id="data-status">
        Stand van zaken
      </Heading>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          {latest ? (
            <>
              Laatst ingelezen op{' '}
              <Link to={`/data/geschiedenis/${latest.importId}`} className="utrecht-link utrecht-link--html-a">
                {latest.startedAt ? formatDateTime(latest.startedAt) : 'onbekende datum'}
              </Link>{' '}
              ({viaLabel(latest.via).toLowerCase()}, {whoLabel(latest.username)}): {summarySentence(latest)}
            </>
          ) : (
            'Er is nog niets ingelezen.'
          )}
        </li>
        <li className="utrecht-unordered-list__item">
          {open === 0 ? (
            'Er staan geen open meldingen in quarantaine.'
          ) : (
            <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
              {open === 1 ? '1 open melding in quarantaine' : `${open} open meldingen in quarantaine`}
            </Link>
          )}
        </li>
      </ul>
    </section>
  );
}

export function DataOverviewPage({ allowed }: { allowed: boolean }) {
  usePageTitle('Data');
  return (
    <>
      <Heading level={1}>Data</Heading>
      <Paragraph lead>Hier brengt u gegevens in Koers en ziet u wat er is ingelezen en wat niet.</Paragraph>
      {allowed ? (
        <>
          <Status />
          <section className="koers-section" aria-labelledby="data-links">
            <Heading level={2} id="data-links">
              Wat kunt u hier doen?
            </Heading>
            <ul className="koers-data-links">
              {LINKS.map((link) => (
                <li key={link.to} className="koers-data-links__item">
                  <Heading level={3} className="koers-data-links__title">
                    <Link to={link.to} className="utrecht-link utrecht-link--html-a">
                      {link.title}
                    </Link>
                  </Heading>
                  <Paragraph>{link.text}</Paragraph>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : (
        <Alert type="info" data-testid="data-not-allowed">
          <Paragraph>
            Gegevens inlezen kan alleen met de rol beheerder of analist. Wilt u gegevens aanleveren, of ziet u een fout in
            de cijfers? Neem dan contact op met de beheerder van Koers in uw gemeente.
          </Paragraph>
        </Alert>
      )}
    </>
  );
}

import { Heading, Paragraph } from '../components/index.js';
import { usePageTitle } from '../hooks.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  usePageTitle('Pagina niet gevonden');
  return (
    <>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <Paragraph>Deze pagina bestaat niet (meer). Misschien is het adres verkeerd getypt, of is de pagina verplaatst.</Paragraph>
      <Paragraph>
        <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
          Terug naar de Monitor
        </Link>
      </Paragraph>
    </>
  );
}

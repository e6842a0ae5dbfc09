import { EmptyState, Heading, Paragraph } from '../components/index.js';
import { usePageTitle } from '../hooks.js';
import { Link } from '../router.js';

export interface PlaceholderArea {
  path: string;
  title: string;
  intro: string;
  comingSoon: string;
  items: string[];
}

/** Areas in the navigation that do not have pages yet. */
export const PLACEHOLDERS: PlaceholderArea[] = [
  {
    path: '/aanbieders',
    title: 'Aanbieders',
    intro: 'Hier ziet u hoe het gaat bij de aanbieders van zorg en ondersteuning.',
    comingSoon: 'Hier komt binnenkort het overzicht per aanbieder.',
    items: [
      'Resultaten per aanbieder, zoals trajecten die volgens plan zijn afgesloten.',
      'Wachttijden, verzilvering en afgewezen declaraties.',
      'Vergelijking tussen aanbieders, als gespreksstof voor contractgesprekken.',
    ],
  },
  {
    path: '/beheer',
    title: 'Beheer',
    intro: 'Hier regelt u wie Koers mag gebruiken en hoe Koers werkt voor uw gemeente.',
    comingSoon: 'Hier komt binnenkort het beheer van Koers.',
    items: [
      'Gebruikers en rollen beheren.',
      'Instellingen voor privacy, zoals hoe kleine aantallen worden afgeschermd.',
      'Het logboek: wie heeft wat bekeken of veranderd.',
    ],
  },
];

export function PlaceholderPage({ area }: { area: PlaceholderArea }) {
  usePageTitle(area.title);
  return (
    <>
      <Heading level={1}>{area.title}</Heading>
      <Paragraph lead>{area.intro}</Paragraph>
      <EmptyState title={area.comingSoon}>
        <Paragraph>Dit deel van Koers is nog in de maak. Straks kunt u hier:</Paragraph>
        <ul className="utrecht-unordered-list">
          {area.items.map((item) => (
            <li key={item} className="utrecht-unordered-list__item">
              {item}
            </li>
          ))}
        </ul>
        <Paragraph>
          Bekijk in de tussentijd de cijfers in de{' '}
          <Link to="/monitor" className="utrecht-link utrecht-link--html-a">
            Monitor
          </Link>
          .
        </Paragraph>
      </EmptyState>
    </>
  );
}

/**
 * Small fixed name lists for fictional residents and streets of Koersdam. Common Dutch names
 * combined at random; any resemblance to a real person is coincidental. Street names are at most
 * 24 characters (LDT_Straatnaam).
 */
import type { Rng } from './random.js';

/** First names by sex and rough birth cohort (before 1960, 1960-1989, 1990 and later). */
const FIRST_NAMES = {
  M: [
    ['Johannes', 'Cornelis', 'Hendrik', 'Willem', 'Gerrit', 'Jacobus', 'Pieter', 'Jan', 'Theodorus', 'Adrianus', 'Albert', 'Klaas', 'Gerard', 'Antonius', 'Bernardus', 'Dirk', 'Wouter', 'Frans'],
    ['Mark', 'Peter', 'Erik', 'Marco', 'Dennis', 'Jeroen', 'Martijn', 'Bas', 'Sander', 'Michiel', 'Rob', 'Patrick', 'Vincent', 'Ahmed', 'Mohamed', 'Ramon', 'Frank', 'Edwin'],
    ['Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Noah', 'Milan', 'Jesse', 'Thijs', 'Luuk', 'Bram', 'Sven', 'Ruben', 'Tim', 'Yusuf', 'Adam', 'Mees', 'Julian', 'Liam', 'Gijs'],
  ],
  V: [
    ['Maria', 'Johanna', 'Cornelia', 'Hendrika', 'Wilhelmina', 'Elisabeth', 'Geertruida', 'Anna', 'Catharina', 'Margaretha', 'Aaltje', 'Grietje', 'Jacoba', 'Trijntje', 'Dina', 'Gerda', 'Tineke', 'Riet'],
    ['Linda', 'Monique', 'Sandra', 'Marieke', 'Esther', 'Petra', 'Wendy', 'Anouk', 'Ingrid', 'Karin', 'Saskia', 'Nicole', 'Fatima', 'Miranda', 'Ilse', 'Mirjam', 'Yvonne', 'Natasja'],
    ['Emma', 'Julia', 'Sophie', 'Tess', 'Zoë', 'Sara', 'Anna', 'Fenna', 'Evi', 'Lotte', 'Noor', 'Lieke', 'Fleur', 'Isa', 'Yara', 'Nina', 'Saar', 'Mila', 'Liv', 'Roos'],
  ],
} as const;

interface Surname {
  achternaam: string;
  voorvoegsel?: string;
}

const SURNAMES: readonly Surname[] = [
  { achternaam: 'Jong', voorvoegsel: 'de' }, { achternaam: 'Jansen' }, { achternaam: 'Vries', voorvoegsel: 'de' },
  { achternaam: 'Berg', voorvoegsel: 'van den' }, { achternaam: 'Dijk', voorvoegsel: 'van' }, { achternaam: 'Bakker' },
  { achternaam: 'Janssen' }, { achternaam: 'Visser' }, { achternaam: 'Smit' }, { achternaam: 'Meijer' },
  { achternaam: 'Boer', voorvoegsel: 'de' }, { achternaam: 'Mulder' }, { achternaam: 'Groot', voorvoegsel: 'de' },
  { achternaam: 'Bos' }, { achternaam: 'Vos' }, { achternaam: 'Peters' }, { achternaam: 'Hendriks' },
  { achternaam: 'Leeuwen', voorvoegsel: 'van' }, { achternaam: 'Dekker' }, { achternaam: 'Brouwer' },
  { achternaam: 'Wit', voorvoegsel: 'de' }, { achternaam: 'Dijkstra' }, { achternaam: 'Smits' },
  { achternaam: 'Graaf', voorvoegsel: 'de' }, { achternaam: 'Meer', voorvoegsel: 'van der' }, { achternaam: 'Kok' },
  { achternaam: 'Linden', voorvoegsel: 'van der' }, { achternaam: 'Jacobs' }, { achternaam: 'Haan', voorvoegsel: 'de' },
  { achternaam: 'Vermeulen' }, { achternaam: 'Heuvel', voorvoegsel: 'van den' }, { achternaam: 'Veen', voorvoegsel: 'van der' },
  { achternaam: 'Broek', voorvoegsel: 'van den' }, { achternaam: 'Bruijn', voorvoegsel: 'de' }, { achternaam: 'Schouten' },
  { achternaam: 'Beek', voorvoegsel: 'van' }, { achternaam: 'Willems' }, { achternaam: 'Hoekstra' },
  { achternaam: 'Koster' }, { achternaam: 'Prins' }, { achternaam: 'Huisman' }, { achternaam: 'Postma' },
  { achternaam: 'Kuipers' }, { achternaam: 'Wal', voorvoegsel: 'van der' }, { achternaam: 'Yilmaz' },
  { achternaam: 'El Amrani' }, { achternaam: 'Kaya' }, { achternaam: 'Hart', voorvoegsel: "'t" },
  { achternaam: 'Zwart' }, { achternaam: 'Verbeek' }, { achternaam: 'Sanders' }, { achternaam: 'Koning' },
  { achternaam: 'Maas' }, { achternaam: 'Wijngaarden', voorvoegsel: 'van' }, { achternaam: 'Tuinstra' },
  { achternaam: 'Oosterhuis' }, { achternaam: 'Kramer' }, { achternaam: 'Ververs' }, { achternaam: 'Bouzid' },
  { achternaam: 'Santos' },
];

export interface PersonName {
  voornamen: string;
  voorletters: string;
  achternaam: string;
  voorvoegsel?: string;
}

export function pickSurname(rng: Rng): Surname {
  return rng.pick(SURNAMES);
}

export function pickFirstNames(rng: Rng, sex: 'M' | 'V', birthYear: number): { voornamen: string; voorletters: string } {
  const cohort = birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
  const list = FIRST_NAMES[sex][cohort] as readonly string[];
  const count = cohort === 0 ? (rng.chance(0.6) ? 2 : 1) : rng.chance(0.35) ? 2 : 1;
  const names: string[] = [];
  while (names.length < count) {
    const n = rng.pick(list);
    if (!names.includes(n)) names.push(n);
  }
  // Voorletters: letters only (pattern of LDT_Voorletters), no dots.
  const voorletters = names.map((n) => n.normalize('NFD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase()).join('');
  return { voornamen: names.join(' '), voorletters };
}

/** Street names per wijk (index 0..9), themed like real Dutch neighbourhoods. */
export const STREETS_BY_WIJK: readonly (readonly string[])[] = [
  ['Markt', 'Kerkstraat', 'Hoogstraat', 'Raadhuisplein', 'Lange Koersstraat', 'Korte Koersstraat', 'Torenstraat', 'Gasthuissteeg', 'Nieuwstraat', 'Kloosterstraat', 'Brugstraat', 'Waagplein'],
  ['Havenkade', 'Visserstraat', 'Touwslagerij', 'Ankerstraat', 'Zeilmakerstraat', 'Kade Oost', 'Kade West', 'Loodsstraat', 'Sluisweg', 'Schippersgracht', 'Roerstraat', 'Ketelboetersteeg'],
  ['Molenweg', 'Korenmolen', 'Zaagmolenstraat', 'Wiekstraat', 'Maalderij', 'Molenaarslaan', 'Meelstraat', 'Stellingmolen', 'Oliemolenhof', 'Pelmolenpad', 'Spinnekop', 'Wipmolenstraat'],
  ['Merelstraat', 'Lijsterlaan', 'Spreeuwstraat', 'Mussenhof', 'Kievitlaan', 'Roodborststraat', 'Vinkenlaan', 'Zwaluwstraat', 'Meeuwenlaan', 'Reigerstraat', 'Koolmeesweg', 'Specht'],
  ['Hoogveldlaan', 'Heidelaan', 'Berkenhof', 'Dennenweg', 'Eikenlaan', 'Beukenhof', 'Lindenlaan', 'Kastanjehof', 'Esdoornstraat', 'Acaciaplein', 'Iepenlaan', 'Vlierhof'],
  ['Akkerweg', 'Tarweveld', 'Gerstakker', 'Haverstraat', 'Roggeveld', 'Koolzaadlaan', 'Vlasakker', 'Boekweitstraat', 'Maisveld', 'Klaverweide', 'Luzernehof', 'Spelt'],
  ['Parklaan', 'Vijverweg', 'Rozenhof', 'Tulpstraat', 'Narcissenlaan', 'Dahliastraat', 'Irisplein', 'Goudsbloemstraat', 'Seringenlaan', 'Lavendelhof', 'Zonnebloemstraat', 'Asterstraat'],
  ['Westrandweg', 'Buitenlust', 'Landlust', 'Villapark', 'Boslaan', 'Duinzicht', 'Weidezicht', 'Rustoord', 'Zonnehof', 'Koningslaan', 'Wilhelminapark', 'Julianalaan'],
  ['Kanaaldijk', 'Fabrieksstraat', 'Spoorstraat', 'Werfstraat', 'Ketelstraat', 'Stationsweg', 'Industrieweg', 'Loswal', 'Gasfabriekstraat', 'Smederij', 'Draaibrug', 'Pakhuisstraat'],
  ['Koersplein', 'Kompasweg', 'Windroos', 'Poolsterlaan', 'Sextant', 'Horizonlaan', 'Meridiaan', 'Noorderlicht', 'Kaartlezer', 'Zeemijl', 'Breedtegraad', 'Lengtegraad'],
];

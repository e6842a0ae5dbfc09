/**
 * The residents of Koersdam: households at addresses in wijken on 1 January 2019, then a yearly
 * microsimulation up to asOf (deaths, births, children leaving home, moves within the gemeente,
 * households leaving, households arriving, new-build in Nieuw-Koersdam). Every person has a BSN
 * (elfproef, via completeBsn), a name and an address history, so client messages can carry the
 * address of the day and the importer can rebuild wijk and household.
 */
import { completeBsn } from '../privacy/bsn.js';
import { HOUSEHOLD_KINDS, NEW_BUILD_WIJK, WIJKEN, type HouseholdKind } from './catalog.js';
import { NEVER, ageOn, dayFromYmd, ymdFromDay } from './dates.js';
import { STREETS_BY_WIJK, pickFirstNames, pickSurname } from './names.js';
import { createRng, type Rng } from './random.js';
import type { Address, Person, PopulationRow, PostcodeRow, ResolvedOptions, Sex } from './types.js';

/** Population of the whole gemeente on 1 January 2019 at scale 1. */
const BASE_INHABITANTS = 58_700;
export const SIM_START_DAY = dayFromYmd(2019, 1, 1);
/** First year written to bevolking.csv. */
export const FIRST_POPULATION_YEAR = 2021;

const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';
const POSTCODE_PAIRS: string[] = [];
for (const a of POSTCODE_LETTERS) for (const b of POSTCODE_LETTERS) {
  const pair = a + b;
  if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') POSTCODE_PAIRS.push(pair);
}
/** Numbers per postcode block on one street. */
const BLOCK = 24;

interface Household {
  id: number;
  members: number[];
  address: number;
  vulnerability: number;
}

export interface PopulationResult {
  persons: Person[];
  addresses: Address[];
  postcodes: PostcodeRow[];
  population: PopulationRow[];
}

/** Annual probability of death. */
function mortality(age: number, sex: Sex): number {
  let q: number;
  if (age === 0) q = 0.0035;
  else if (age < 30) q = 0.00028;
  else q = Math.exp(-10.85 + 0.0975 * age);
  q *= sex === 'M' ? 1.18 : 0.86;
  return Math.min(0.6, q);
}

/** Annual probability that a woman in a couple household gets a child. */
function fertility(age: number): number {
  if (age < 20 || age > 44) return 0;
  if (age < 25) return 0.07;
  if (age < 30) return 0.16;
  if (age < 35) return 0.19;
  if (age < 40) return 0.09;
  return 0.02;
}

/** Preference of household kinds for wijken (multiplies vacancies), indexed like WIJKEN. */
function wijkPreference(kind: HouseholdKind, wijk: number): number {
  const young = kind === 'student' || kind === 'youngSingle';
  const families = kind === 'family' || kind === 'youngCouple' || kind === 'singleParent';
  const seniors = kind === 'seniorCouple' || kind === 'seniorSingle';
  switch (wijk) {
    case 0: return young ? 4 : seniors ? 1.3 : 0.7;
    case 1: return young ? 1.6 : 1;
    case 4: return seniors ? 3.2 : families ? 0.7 : 0.8;
    case 5: return families ? 1.6 : 0.8;
    case 7: return families || kind === 'midCouple' ? 1.2 : 0.6;
    case 8: return young || kind === 'singleParent' ? 1.5 : 0.9;
    case 9: return families ? 2.6 : young ? 0.5 : 0.6;
    default: return 1;
  }
}

/** Corrects the wijk mixes towards the Dutch age pyramid (HOUSEHOLD_KINDS order). */
const SEED_KIND_BOOST = [1.3, 1.35, 1.25, 0.85, 1, 1.4, 1.25, 0.9, 0.9];

/** Household kind mix of households arriving from elsewhere. */
const ARRIVAL_MIX = [0.16, 0.2, 0.19, 0.24, 0.06, 0.05, 0.04, 0.03, 0.03];

class PopulationBuilder {
  readonly persons: Person[] = [];
  readonly addresses: Address[] = [];
  readonly postcodes: PostcodeRow[] = [];
  private readonly postcodeSeen = new Set<string>();
  private readonly households: Household[] = [];
  private readonly householdOf: number[] = [];
  /** 1 = child in the household (may leave home later), 0 = adult. */
  private readonly isChild: number[] = [];
  private readonly occupant: (number | null)[] = [];
  private readonly vacant: number[][] = WIJKEN.map(() => []);
  private readonly addressCounter: number[] = WIJKEN.map(() => 0);
  private readonly bsnSeen = new Set<string>();

  constructor(private readonly rng: Rng, private readonly bsnRng: Rng) {}

  newAddress(wijk: number): number {
    const k = this.addressCounter[wijk]!++;
    const streets = STREETS_BY_WIJK[wijk] as readonly string[];
    const streetIdx = k % streets.length;
    const numberIdx = Math.floor(k / streets.length);
    const pcIndex = streetIdx + streets.length * Math.floor(numberIdx / BLOCK);
    const digits = 9000 + wijk * 10 + 1 + Math.floor(pcIndex / POSTCODE_PAIRS.length);
    const postcode = `${digits}${POSTCODE_PAIRS[pcIndex % POSTCODE_PAIRS.length]}`;
    if (!this.postcodeSeen.has(postcode)) {
      this.postcodeSeen.add(postcode);
      this.postcodes.push({ postcode, wijk: WIJKEN[wijk]!.code });
    }
    const id = this.addresses.length;
    this.addresses.push({ id, wijk, postcode, huisnummer: numberIdx + 1, straat: streets[streetIdx] as string });
    this.occupant.push(null);
    return id;
  }

  private newBsn(): string {
    for (;;) {
      // Leading 9: outside the number ranges issued so far; fictional residents only.
      const first8 = `9${String(this.bsnRng.int(0, 9_999_999)).padStart(7, '0')}`;
      const bsn = completeBsn(first8);
      if (bsn && !this.bsnSeen.has(bsn)) {
        this.bsnSeen.add(bsn);
        return bsn;
      }
    }
  }

  private newPerson(sex: Sex, birthDay: number, surname: { achternaam: string; voorvoegsel?: string }, arriveDay: number, vulnerability: number, guardianId: number | null): Person {
    const { y, m, d } = ymdFromDay(birthDay);
    const names = pickFirstNames(this.rng, sex, y);
    const p: Person = {
      id: this.persons.length,
      bsn: this.newBsn(),
      sex,
      birthDay,
      birthY: y,
      birthM: m,
      birthD: d,
      voornamen: names.voornamen,
      voorletters: names.voorletters,
      achternaam: surname.achternaam,
      naamGebruik: '1',
      arriveDay,
      leaveDay: NEVER,
      leaveReason: null,
      addresses: [],
      vulnerability,
      guardianId,
    };
    if (surname.voorvoegsel) p.voorvoegsel = surname.voorvoegsel;
    this.persons.push(p);
    this.householdOf.push(-1);
    this.isChild.push(0);
    return p;
  }

  /** Birth day for someone of `age` (years, fractional allowed) on `day`. */
  private birthDayForAge(age: number, day: number): number {
    return Math.floor(day - age * 365.25 - this.rng.uniform(0, 365));
  }

  private vulnerabilityFor(wijk: number): number {
    const mean = WIJKEN[wijk]!.vulnerability;
    const sigma = 0.85;
    return mean * Math.exp(sigma * this.rng.normal() - (sigma * sigma) / 2);
  }

  /** Creates a household of the given kind, living at `address` from `day`. */
  createHousehold(kind: HouseholdKind, wijk: number, address: number, day: number, arriveDay: number, vulnerability?: number): Household {
    const rng = this.rng;
    const v = vulnerability ?? this.vulnerabilityFor(wijk);
    const hh: Household = { id: this.households.length, members: [], address, vulnerability: v };
    this.households.push(hh);
    const add = (p: Person, child: boolean): void => {
      hh.members.push(p.id);
      this.householdOf[p.id] = hh.id;
      this.isChild[p.id] = child ? 1 : 0;
      p.addresses.push({ from: day, address });
    };
    const couple = (womanAge: number): [Person, Person] => {
      const manAge = Math.max(19, womanAge + 2 + 3 * rng.normal());
      const sw = pickSurname(rng);
      const sm = rng.chance(0.12) ? sw : pickSurname(rng);
      const woman = this.newPerson('V', this.birthDayForAge(womanAge, day), sw, arriveDay, v, null);
      const man = this.newPerson('M', this.birthDayForAge(manAge, day), sm, arriveDay, v, null);
      const usesPartnerName = womanAge >= 65 ? 0.55 : womanAge >= 45 ? 0.2 : 0.06;
      if (sm !== sw && rng.chance(usesPartnerName)) {
        woman.partnerAchternaam = sm.achternaam;
        if (sm.voorvoegsel) woman.partnerVoorvoegsel = sm.voorvoegsel;
        woman.naamGebruik = rng.pick(['2', '3', '4'] as const);
      }
      add(woman, false);
      add(man, false);
      return [woman, man];
    };
    const children = (mother: Person, motherAge: number, surname: { achternaam: string; voorvoegsel?: string }, maxKids: number): void => {
      const n = 1 + rng.weightedIndex([0.32, 0.45, 0.17, 0.06].slice(0, maxKids));
      let at = 23 + rng.beta(2, 2) * 13;
      if (at > motherAge) at = motherAge - rng.uniform(0, 2);
      for (let i = 0; i < n; i++) {
        const childAge = motherAge - at;
        if (childAge < 0) break;
        if (childAge <= 25) {
          const sex: Sex = rng.chance(0.512) ? 'M' : 'V';
          const kid = this.newPerson(sex, this.birthDayForAge(childAge, day), surname, Math.min(arriveDay, day), v, mother.id);
          if (kid.birthDay > day) kid.birthDay = day - 1;
          add(kid, true);
        }
        at += rng.uniform(1.5, 4.5);
      }
    };
    switch (kind) {
      case 'student':
      case 'youngSingle':
      case 'midSingle': {
        const age = kind === 'student' ? 18 + rng.beta(1.6, 2.4) * 9 : kind === 'youngSingle' ? 22 + rng.beta(1.3, 2.2) * 20 : 45 + rng.beta(1.3, 1.1) * 24;
        const sex: Sex = rng.chance(0.5) ? 'M' : 'V';
        add(this.newPerson(sex, this.birthDayForAge(age, day), pickSurname(rng), arriveDay, v, null), false);
        break;
      }
      case 'youngCouple':
        couple(23 + rng.beta(1.6, 2.4) * 14);
        break;
      case 'midCouple':
        couple(48 + rng.beta(1.4, 1.2) * 21);
        break;
      case 'seniorCouple':
        couple(67 + rng.beta(1.1, 2.6) * 25);
        break;
      case 'seniorSingle': {
        const age = 68 + rng.beta(1.5, 2.2) * 32;
        const sex: Sex = rng.chance(0.72) ? 'V' : 'M';
        const p = this.newPerson(sex, this.birthDayForAge(age, day), pickSurname(rng), arriveDay, v, null);
        if (sex === 'V' && rng.chance(0.45)) {
          const s = pickSurname(rng);
          p.partnerAchternaam = s.achternaam;
          if (s.voorvoegsel) p.partnerVoorvoegsel = s.voorvoegsel;
          p.naamGebruik = rng.pick(['2', '3', '4'] as const);
        }
        add(p, false);
        break;
      }
      case 'family': {
        const motherAge = 28 + rng.beta(2, 2) * 26;
        const [woman, man] = couple(motherAge);
        const surname = rng.chance(0.85) ? { achternaam: man.achternaam, ...(man.voorvoegsel ? { voorvoegsel: man.voorvoegsel } : {}) } : { achternaam: woman.achternaam, ...(woman.voorvoegsel ? { voorvoegsel: woman.voorvoegsel } : {}) };
        children(woman, motherAge, surname, 4);
        break;
      }
      case 'singleParent': {
        const parentAge = 26 + rng.beta(2, 2) * 26;
        const sex: Sex = rng.chance(0.85) ? 'V' : 'M';
        const surname = pickSurname(rng);
        const parent = this.newPerson(sex, this.birthDayForAge(parentAge, day), surname, arriveDay, v, null);
        add(parent, false);
        children(parent, parentAge, surname, 3);
        break;
      }
    }
    this.occupant[address] = hh.id;
    return hh;
  }

  /** A vacant address chosen by vacancies x preference; builds a new one when the gemeente is full. */
  takeVacancy(kind: HouseholdKind): number {
    const weights = this.vacant.map((list, w) => list.length * wijkPreference(kind, w));
    let total = 0;
    for (const x of weights) total += x;
    if (total <= 0) {
      const w = this.rng.weightedIndex(WIJKEN.map((_, i) => wijkPreference(kind, i) * WIJKEN[i]!.share));
      return this.newAddress(w);
    }
    const w = this.rng.weightedIndex(weights);
    const list = this.vacant[w] as number[];
    const idx = this.rng.int(0, list.length - 1);
    const address = list[idx] as number;
    list[idx] = list[list.length - 1] as number;
    list.pop();
    return address;
  }

  private free(address: number): void {
    this.occupant[address] = null;
    (this.vacant[this.addresses[address]!.wijk] as number[]).push(address);
  }

  addVacancy(wijk: number): void {
    (this.vacant[wijk] as number[]).push(this.newAddress(wijk));
  }

  private classify(hh: Household, day: number): HouseholdKind {
    let adults = 0;
    let kids = 0;
    let oldest = 0;
    for (const id of hh.members) {
      const p = this.persons[id] as Person;
      if (this.isChild[id]) kids++;
      else {
        adults++;
        oldest = Math.max(oldest, ageOn(day, p.birthY, p.birthM, p.birthD));
      }
    }
    if (kids > 0) return adults >= 2 ? 'family' : 'singleParent';
    if (adults >= 2) return oldest < 40 ? 'youngCouple' : oldest < 67 ? 'midCouple' : 'seniorCouple';
    return oldest < 27 ? 'student' : oldest < 42 ? 'youngSingle' : oldest < 68 ? 'midSingle' : 'seniorSingle';
  }

  private removeMember(hh: Household, personId: number): void {
    hh.members = hh.members.filter((id) => id !== personId);
    this.householdOf[personId] = -1;
    if (hh.members.length === 0) this.free(hh.address);
  }

  private leave(p: Person, day: number, reason: 'death' | 'moveOut'): void {
    p.leaveDay = day;
    p.leaveReason = reason;
  }

  private moveHousehold(hh: Household, address: number, day: number): void {
    const old = hh.address;
    hh.address = address;
    this.occupant[address] = hh.id;
    for (const id of hh.members) (this.persons[id] as Person).addresses.push({ from: day, address });
    this.free(old);
  }

  /** Initial households per wijk on SIM_START_DAY. */
  seed(scale: number): void {
    const shareTotal = WIJKEN.reduce((s, w) => s + w.share, 0);
    WIJKEN.forEach((w, wi) => {
      const target = Math.max(30, Math.round((BASE_INHABITANTS * scale * w.share) / shareTotal));
      const mix = w.mix.map((x, k) => x * (SEED_KIND_BOOST[k] as number));
      let persons = 0;
      while (persons < target) {
        const kind = HOUSEHOLD_KINDS[this.rng.weightedIndex(mix)] as HouseholdKind;
        const hh = this.createHousehold(kind, wi, this.newAddress(wi), SIM_START_DAY, -NEVER);
        persons += hh.members.length;
      }
      const spare = Math.max(2, Math.round(this.addressCounter[wi]! * 0.025));
      for (let i = 0; i < spare; i++) this.addVacancy(wi);
    });
  }

  /** One calendar year of demographic events, applied in date order. */
  simulateYear(year: number, lastDay: number, scale: number): void {
    const rng = this.rng;
    const start = dayFromYmd(year, 1, 1);
    const end = Math.min(dayFromYmd(year, 12, 31), lastDay);
    if (end < start) return;
    const span = end - start + 1;
    const fraction = span / 365;
    const randomDay = (): number => start + rng.int(0, span - 1);
    type Event = { day: number; seq: number; kind: 'death' | 'birth' | 'leaveHome' | 'emigrate' | 'move' | 'arrive'; id: number };
    const events: Event[] = [];
    let seq = 0;

    for (const hh of this.households) {
      if (hh.members.length === 0) continue;
      const kind = this.classify(hh, start);
      let kidsAtHome = 0;
      let mother: Person | null = null;
      let adults = 0;
      for (const id of hh.members) {
        const p = this.persons[id] as Person;
        const age = ageOn(start, p.birthY, p.birthM, p.birthD);
        if (rng.chance(mortality(age, p.sex) * fraction)) events.push({ day: randomDay(), seq: seq++, kind: 'death', id });
        if (this.isChild[id]) {
          kidsAtHome++;
          if (age >= 18 && rng.chance(Math.min(0.5, 0.06 + 0.045 * (age - 18)) * fraction)) events.push({ day: randomDay(), seq: seq++, kind: 'leaveHome', id });
        } else {
          adults++;
          if (p.sex === 'V' && age >= 20 && age <= 44) mother = p;
        }
      }
      if (mother) {
        const age = ageOn(start, mother.birthY, mother.birthM, mother.birthD);
        const parity = kidsAtHome >= 3 ? 0.25 : kidsAtHome === 2 ? 0.45 : 1;
        const partner = adults >= 2 ? 1 : 0.12;
        if (rng.chance(fertility(age) * parity * partner * fraction)) events.push({ day: randomDay(), seq: seq++, kind: 'birth', id: hh.id });
      }
      const emigrate: Record<HouseholdKind, number> = {
        student: 0.2, youngSingle: 0.095, youngCouple: 0.1, family: 0.035, singleParent: 0.045, midCouple: 0.022, midSingle: 0.035, seniorCouple: 0.014, seniorSingle: 0.018,
      };
      const move: Record<HouseholdKind, number> = {
        student: 0.08, youngSingle: 0.07, youngCouple: 0.07, family: 0.035, singleParent: 0.05, midCouple: 0.025, midSingle: 0.03, seniorCouple: 0.025, seniorSingle: 0.03,
      };
      const u = rng.next();
      if (u < emigrate[kind] * fraction) events.push({ day: randomDay(), seq: seq++, kind: 'emigrate', id: hh.id });
      else if (u < (emigrate[kind] + move[kind]) * fraction) events.push({ day: randomDay(), seq: seq++, kind: 'move', id: hh.id });
    }

    // Arrivals balance departures, plus slow growth and the new-build in Nieuw-Koersdam.
    const departures = events.filter((e) => e.kind === 'emigrate').length + Math.round(events.filter((e) => e.kind === 'leaveHome').length * 0.45);
    const newBuild = Math.round((year <= 2024 ? 95 : 45) * scale * fraction);
    for (let i = 0; i < newBuild; i++) this.addVacancy(NEW_BUILD_WIJK);
    const arrivals = Math.round(departures * 0.86) + newBuild;
    for (let i = 0; i < arrivals; i++) events.push({ day: randomDay(), seq: seq++, kind: 'arrive', id: -1 });

    events.sort((a, b) => a.day - b.day || a.seq - b.seq);
    for (const e of events) this.apply(e.kind, e.id, e.day);
  }

  private apply(kind: 'death' | 'birth' | 'leaveHome' | 'emigrate' | 'move' | 'arrive', id: number, day: number): void {
    const rng = this.rng;
    switch (kind) {
      case 'death': {
        const p = this.persons[id] as Person;
        if (p.leaveDay !== NEVER) return;
        const hh = this.households[this.householdOf[id] as number];
        this.leave(p, day + 1, 'death');
        if (hh) this.removeMember(hh, id);
        return;
      }
      case 'birth': {
        const hh = this.households[id] as Household;
        const mother = hh.members.map((m) => this.persons[m] as Person).find((p) => p.sex === 'V' && !this.isChild[p.id]);
        if (!mother) return;
        const father = hh.members.map((m) => this.persons[m] as Person).find((p) => p.sex === 'M' && !this.isChild[p.id]);
        const surnameFrom = father && rng.chance(0.85) ? father : mother;
        const sex: Sex = rng.chance(0.512) ? 'M' : 'V';
        const surname = { achternaam: surnameFrom.achternaam, ...(surnameFrom.voorvoegsel ? { voorvoegsel: surnameFrom.voorvoegsel } : {}) };
        const kid = this.newPerson(sex, day, surname, day, hh.vulnerability, mother.id);
        hh.members.push(kid.id);
        this.householdOf[kid.id] = hh.id;
        this.isChild[kid.id] = 1;
        kid.addresses.push({ from: day, address: hh.address });
        return;
      }
      case 'leaveHome': {
        const p = this.persons[id] as Person;
        if (p.leaveDay !== NEVER) return;
        const hh = this.households[this.householdOf[id] as number];
        if (!hh || !this.isChild[id]) return;
        this.removeMember(hh, id);
        if (rng.chance(0.45)) {
          this.leave(p, day, 'moveOut');
          return;
        }
        const age = ageOn(day, p.birthY, p.birthM, p.birthD);
        const kind: HouseholdKind = age < 26 ? 'student' : 'youngSingle';
        const address = this.takeVacancy(kind);
        const own: Household = { id: this.households.length, members: [id], address, vulnerability: hh.vulnerability * Math.exp(0.3 * rng.normal() - 0.045) };
        this.households.push(own);
        this.householdOf[id] = own.id;
        this.isChild[id] = 0;
        this.occupant[address] = own.id;
        p.addresses.push({ from: day, address });
        return;
      }
      case 'emigrate': {
        const hh = this.households[id] as Household;
        if (hh.members.length === 0) return;
        for (const m of hh.members) {
          this.leave(this.persons[m] as Person, day, 'moveOut');
          this.householdOf[m] = -1;
        }
        hh.members = [];
        this.free(hh.address);
        return;
      }
      case 'move': {
        const hh = this.households[id] as Household;
        if (hh.members.length === 0) return;
        const address = this.takeVacancy(this.classify(hh, day));
        this.moveHousehold(hh, address, day);
        return;
      }
      case 'arrive': {
        const kind = HOUSEHOLD_KINDS[rng.weightedIndex(ARRIVAL_MIX)] as HouseholdKind;
        const address = this.takeVacancy(kind);
        this.createHousehold(kind, this.addresses[address]!.wijk, address, day, day);
        return;
      }
    }
  }

  /** Residents per jaar x wijk x leeftijd x geslacht on 1 January of each year (zero rows included). */
  aggregate(firstYear: number, lastYear: number): PopulationRow[] {
    const rows: PopulationRow[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      const day = dayFromYmd(year, 1, 1);
      const counts = new Int32Array(WIJKEN.length * 101 * 2);
      for (const p of this.persons) {
        if (p.arriveDay > day || p.leaveDay <= day || p.birthDay > day) continue;
        const address = addressOn(p, day);
        if (address < 0) continue;
        const age = Math.min(100, ageOn(day, p.birthY, p.birthM, p.birthD));
        const wijk = this.addresses[address]!.wijk;
        counts[(wijk * 101 + age) * 2 + (p.sex === 'M' ? 0 : 1)]!++;
      }
      WIJKEN.forEach((w, wi) => {
        for (let age = 0; age <= 100; age++) {
          rows.push({ jaar: year, wijk: w.code, leeftijd: age, geslacht: 'M', inwoners: counts[(wi * 101 + age) * 2]! });
          rows.push({ jaar: year, wijk: w.code, leeftijd: age, geslacht: 'V', inwoners: counts[(wi * 101 + age) * 2 + 1]! });
        }
      });
    }
    return rows;
  }
}

/** Address id of the person on `day` (-1 when not yet housed). */
export function addressOn(p: Person, day: number): number {
  let address = -1;
  for (const period of p.addresses) {
    if (period.from <= day) address = period.address;
    else break;
  }
  if (address < 0 && p.addresses.length > 0) address = p.addresses[0]!.address;
  return address;
}

export function generatePopulation(opts: ResolvedOptions): PopulationResult {
  const builder = new PopulationBuilder(createRng(opts.seed, 'population'), createRng(opts.seed, 'bsn'));
  builder.seed(opts.scale);
  const lastYear = ymdFromDay(opts.asOfDay).y;
  for (let year = 2019; year <= lastYear; year++) builder.simulateYear(year, opts.asOfDay, opts.scale);
  const population = builder.aggregate(FIRST_POPULATION_YEAR, lastYear);
  return { persons: builder.persons, addresses: builder.addresses, postcodes: builder.postcodes, population };
}

import { CATALOGUE } from '../../indicators/catalogue.js';

/**
 * The template beleidskader: the typical structure of a Dutch social-domain vision (sociaal domein
 * visies of many gemeenten share these themes almost word for word). Each theme has maatschappelijke
 * effecten (population results in RBA terms: how are *all* inhabitants doing), doelen under them
 * (what the gemeente wants to change for the people it supports), and programma's (what the
 * gemeente does for it). Indicators are real catalogue ids with their RBA measure kind:
 *  - population: a population result (bereik; for the whole population, not only clients)
 *  - how_much: "hoeveel doen we" (volume), how_well: "hoe goed doen we het", better_off: "is iemand er beter van".
 * Budget lines are BBV taakvelden (6.1 samenkracht, 6.2 toegang/wijkteams, 6.3 inkomensregelingen,
 * 6.6 maatwerkvoorzieningen Wmo, 6.71/6.72 maatwerkdienstverlening 18+/18-, 6.81/6.82 geëscaleerde zorg 18+/18-).
 * The template is a starting point: a gemeente renames, removes and adds goals in its concept.
 * Documented for users in docs/beleidskader.md.
 */

export type MeasureKind = 'population' | 'how_much' | 'how_well' | 'better_off';
export type NodeKind = 'theme' | 'effect' | 'doel' | 'programma';

export interface TemplateNode {
  kind: NodeKind;
  title: string;
  description?: string;
  indicators?: { id: string; kind: MeasureKind }[];
  budget?: string[];
  children?: TemplateNode[];
}

export interface FrameworkTemplate {
  id: string;
  title: string;
  summary: string;
  vision: string;
  mission: string;
  principles: string[];
  nodes: TemplateNode[];
}

const SOCIAAL_DOMEIN: FrameworkTemplate = {
  id: 'sociaal-domein',
  title: 'Beleidskader sociaal domein',
  summary: 'De gebruikelijke opbouw van een visie op het sociaal domein: zes thema’s, met maatschappelijke effecten, doelen, programma’s en voorgestelde indicatoren uit de catalogus.',
  vision: 'Iedereen doet mee naar vermogen. Inwoners redden zich zo veel mogelijk zelf en met hulp van hun omgeving. Wie dat niet lukt, krijgt snel passende ondersteuning, dichtbij en in samenhang.',
  mission: 'De gemeente stuurt op resultaat voor inwoners: wat verandert er in hun leven, niet alleen hoeveel zorg er is geleverd en wat het kost.',
  principles: [
    'Eigen kracht eerst, met hulp van familie, buren en vrijwilligers.',
    'Preventie en lichte hulp gaan voor zware, dure hulp.',
    'Eén gezin, één plan, één regisseur.',
    'Maatwerk: elke inwoner is uniek.',
    'Zorg en ondersteuning moeten betaalbaar blijven, ook op de lange termijn.',
  ],
  nodes: [
    {
      kind: 'theme', title: 'Iedereen doet mee naar vermogen',
      description: 'Inwoners werken, leren, of doen op een andere manier mee in de samenleving, naar wat ze kunnen.',
      children: [{
        kind: 'effect', title: 'Minder inwoners zijn afhankelijk van een uitkering',
        indicators: [{ id: 'bbv_bijstand_per_10000', kind: 'population' }, { id: 'bbv_children_benefit_household_pct', kind: 'population' }],
        children: [{
          kind: 'doel', title: 'Meer mensen stromen uit de bijstand naar werk',
          indicators: [{ id: 'bijstand_exit_to_work_pct', kind: 'better_off' }, { id: 'bijstand_long_term_pct', kind: 'how_much' }],
          children: [{ kind: 'programma', title: 'Begeleiding naar werk', description: 'Werkfit-trajecten, jobcoaching en loonkostensubsidie.', budget: ['6.3'] }],
        }, {
          kind: 'doel', title: 'Schulden worden vroeg en snel aangepakt',
          indicators: [{ id: 'debt_help_in_time_pct', kind: 'how_well' }],
          children: [{ kind: 'programma', title: 'Vroegsignalering en schuldhulp', description: 'Signalen van woningcorporaties en energieleveranciers, en een eerste gesprek binnen vier weken.' }],
        }],
      }],
    },
    {
      kind: 'theme', title: 'Eigen kracht en samenredzaamheid',
      description: 'De meeste inwoners redden zich zelf (80 %), een deel heeft soms of licht hulp nodig (15 %), een klein deel is kwetsbaar (5 %).',
      children: [{
        kind: 'effect', title: 'De meeste inwoners redden zich zonder ondersteuning (80/15/5)',
        indicators: [{ id: 'segment_self_reliant_pct', kind: 'population' }, { id: 'segment_at_risk_pct', kind: 'population' }, { id: 'segment_vulnerable_pct', kind: 'population' }],
        children: [{
          kind: 'doel', title: 'Inwoners met ondersteuning worden zelfredzamer',
          indicators: [{ id: 'zrm_progress_pct', kind: 'better_off' }, { id: 'basic_conditions_met_pct', kind: 'better_off' }, { id: 'continues_without_help_pct', kind: 'better_off' }],
          children: [{
            kind: 'programma', title: 'Sociaal wijkteam', description: 'Eén toegang in de wijk, met lichte hulp en een vaste contactpersoon.',
            indicators: [{ id: 'starts_per_1000', kind: 'how_much' }, { id: 'vot_answered_in_time_pct', kind: 'how_well' }], budget: ['6.1', '6.2'],
          }],
        }],
      }],
    },
    {
      kind: 'theme', title: 'Preventie en normaliseren',
      description: 'Problemen vroeg zien en licht oplossen, en gewone opvoed- en levensvragen niet te snel als zorgvraag zien.',
      children: [{
        kind: 'effect', title: 'Kinderen en jongeren groeien veilig op',
        indicators: [{ id: 'bbv_youth_jeugdbescherming_pct', kind: 'population' }, { id: 'bbv_youth_jeugdhulp_pct', kind: 'population' }],
        children: [{
          kind: 'doel', title: 'Lichtere hulp waar het kan, en hulp die blijvend helpt',
          indicators: [{ id: 'step_down_pct', kind: 'better_off' }, { id: 'no_new_start_12m_pct', kind: 'better_off' }, { id: 'repeat_use_at_start_pct', kind: 'better_off' }],
          children: [{ kind: 'programma', title: 'Jeugdhulp dichtbij', description: 'Praktijkondersteuners jeugd bij de huisarts en jeugdhulp in de wijk.', budget: ['6.72', '6.82'] }],
        }],
      }],
    },
    {
      kind: 'theme', title: 'Betaalbare en effectieve zorg en ondersteuning',
      description: 'Zorg die werkt, tegen een eerlijke prijs, zodat het sociaal domein betaalbaar blijft.',
      children: [{
        kind: 'effect', title: 'Zorg en ondersteuning bereiken hun doel',
        indicators: [{ id: 'ended_as_planned_pct', kind: 'better_off' }],
        children: [{
          kind: 'doel', title: 'Trajecten eindigen zoals gepland',
          indicators: [{ id: 'goal_attainment_pct', kind: 'better_off' }, { id: 'dropout_pct', kind: 'better_off' }],
          children: [],
        }, {
          kind: 'doel', title: 'Geld gaat naar zorg die werkt',
          indicators: [{ id: 'cost_per_client', kind: 'how_well' }, { id: 'cost_per_success', kind: 'how_well' }, { id: 'utilisation_pct', kind: 'how_well' }],
          children: [{ kind: 'programma', title: 'Inkoop en contractmanagement Wmo en Jeugd', description: 'Resultaatgerichte contracten en gesprekken met aanbieders over resultaten.', indicators: [{ id: 'declaration_rejected_pct', kind: 'how_well' }], budget: ['6.6', '6.71', '6.72', '6.81', '6.82'] }],
        }],
      }],
    },
    {
      kind: 'theme', title: 'Elke inwoner is uniek',
      description: 'Ondersteuning past bij de persoon en zijn situatie, en komt op tijd.',
      children: [{
        kind: 'effect', title: 'Inwoners ervaren dat de ondersteuning helpt',
        indicators: [{ id: 'experienced_effect_pct', kind: 'better_off' }],
        children: [{
          kind: 'doel', title: 'Snel een besluit en snel hulp',
          indicators: [{ id: 'wmo_decision_in_term_pct', kind: 'how_well' }, { id: 'wmo_decision_days_median', kind: 'how_well' }, { id: 'wait_to_start_days_median', kind: 'how_well' }],
          children: [],
        }],
      }],
    },
    {
      kind: 'theme', title: 'Eén gezin, één plan, één regisseur',
      description: 'Huishoudens met hulp uit meer wetten krijgen één samenhangend plan en één vaste regisseur.',
      children: [{
        kind: 'effect', title: 'Huishoudens met veel hulp krijgen samenhangende hulp',
        indicators: [{ id: 'households_multiple_laws_pct', kind: 'population' }, { id: 'households_multiple_provisions_pct', kind: 'population' }],
        children: [{ kind: 'doel', title: 'Hulp uit meer wetten is op elkaar afgestemd', children: [{ kind: 'programma', title: 'Integrale regie bij meervoudige problemen', budget: ['6.2'] }] }],
      }],
    },
  ],
};

export const TEMPLATES: readonly FrameworkTemplate[] = [SOCIAAL_DOMEIN];

export const findTemplate = (id: string) => TEMPLATES.find((t) => t.id === id);

/** Every indicator id a template suggests (checked against the catalogue in the tests). */
export function templateIndicatorIds(t: FrameworkTemplate): string[] {
  const out: string[] = [];
  const walk = (n: TemplateNode) => { for (const i of n.indicators ?? []) out.push(i.id); for (const c of n.children ?? []) walk(c); };
  t.nodes.forEach(walk);
  return out;
}

/** A short description of the templates for the API (no tree). */
export const templateSummaries = () => TEMPLATES.map((t) => ({
  id: t.id, title: t.title, summary: t.summary, themes: t.nodes.map((n) => n.title),
  indicators: [...new Set(templateIndicatorIds(t))].filter((id) => CATALOGUE.some((d) => d.id === id)).length,
}));

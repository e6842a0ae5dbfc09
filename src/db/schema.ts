import type { ColumnType, Generated } from 'kysely';

/** Kysely table types; the SQL in src/db/migrations is the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface GemeenteTable { gemeente_code: string; name: string; created_at: Generated<Date> }
export interface AreaTable { gemeente_code: string; area_code: string; level: 'gemeente' | 'wijk' | 'buurt'; parent_code: string | null; name: string; geometry: unknown | null }
export interface PopulationTable { gemeente_code: string; year: number; area_code: string; age: number; sex: string; inhabitants: number }
export interface PostcodeAreaTable { gemeente_code: string; postcode: string; area_code: string; buurt_code: string | null }
export interface AanbiederTable { gemeente_code: string; agb_code: string; name: string }
export interface ContractTable { gemeente_code: string; contract_code: string; agb_code: string; law: string; uitvoeringsvariant: string; toewijzingsvariant: string | null; valid_from: string; valid_to: string | null }
export interface ProductTable { gemeente_code: string; contract_code: string; product_code: string; law: string; category_code: string; name: string; tariff_cents: number | null; unit: string | null; taakveld: string | null }
export interface PersonTable { gemeente_code: string; person_id: string; birth_year: number | null; birth_month: number | null; sex: string | null; updated_at: Timestamp }
export interface PersonResidenceTable { gemeente_code: string; person_id: string; valid_from: string; area_code: string | null; household_key: string | null }
export interface ImportRunTable { gemeente_code: string | null; import_id: string; started_at: Timestamp; finished_at: Timestamp | null; source: string; username: string | null; files_total: number; files_accepted: number; files_rejected: number; files_duplicate: number; owner_gemeente_code: ColumnType<string | null, string | null | undefined, string | null>; token_id: ColumnType<string | null, string | null | undefined, string | null> }
export interface ImportFileTable { import_id: string; file_seq: number; file_name: string; gemeente_code: string | null; source: string | null; status: 'accepted' | 'rejected' | 'duplicate'; message_type: string | null; sha256: string | null; error_location: string | null; error_reason: string | null; rows_total: number | null; rows_accepted: number | null; rows_quarantined: number | null }
export interface ReceivedMessageTable { gemeente_code: string; message_id: string; sha256: string; standard: string; law: string; message_type: string; berichtcode: number; afzender: string; ontvanger: string; identificatie: string; dagtekening: string; received_at: Timestamp; import_id: string | null; source_name: string; byte_size: number; payload: unknown }
export interface TrajectoryTable { gemeente_code: string; person_id: string; law: string; category_code: string; agb_code: string; start_date: string; end_date: string | null; end_reason: string | null; end_source: string | null; first_toewijzingsdatum: string | null; toewijzing_nummers: string[] }
export interface IndicatorResultTable { gemeente_code: string; indicator_id: string; version: number; period_type: string; period: string; area_code: string; breakdown_key: string; breakdown: unknown; numerator: number | null; denominator: number | null; value: number | null; status: 'provisional' | 'final'; computed_at: Timestamp }
/** Targets and baselines per indicator, year and optionally wijk (migration 0011); area_code null = whole gemeente. */
/** Migration 0015 (issue 5, the pyramid): segment thresholds and target per gemeente; precomputed flows, draagkracht (ZRM) and stapeling. */
export interface SegmentConfigTable { gemeente_code: string; min_laws: Generated<number>; residential: Generated<boolean>; zrm_months: Generated<number>; zrm_max_score: Generated<number>; target_self_reliant: Generated<number>; target_at_risk: Generated<number>; target_vulnerable: Generated<number>; set_by: string; set_at: Generated<Date> }
export interface SegmentFlowTable { gemeente_code: string; period_type: 'year' | 'halfyear' | 'quarter'; from_period: string; to_period: string; area_code: string; from_segment: string; to_segment: string; persons: number; computed_at: Generated<Date> }
export interface SegmentZrmTable { gemeente_code: string; period_type: 'year' | 'halfyear' | 'quarter'; period: string; area_code: string; segment: string; kind: string; item: string; persons: number; computed_at: Generated<Date> }
export interface SegmentStapelingTable { gemeente_code: string; period_type: 'year'; period: string; area_code: string; kind: string; item: string; households: number; computed_at: Generated<Date> }
/** Migration 0012: CBS reference figures (per gemeente since 0018), chosen peers, region of a gemeente outside the code table. */
export interface PeerReferenceTable { gemeente_code: string; region_code: string; period: string; indicator_id: string; region_kind: 'gemeente' | 'provincie' | 'land'; period_type: string; value: number; provisional: Generated<boolean>; source: Generated<string>; table_id: string | null; import_id: string | null; imported_at: Generated<Date> }
export interface PeerChoiceTable { gemeente_code: string; peer_code: string; position: Generated<number>; set_by: string; set_at: Generated<Date> }
export interface GemeenteRegionTable { gemeente_code: string; province_code: string; inhabitants: number | null; note: string | null }
export interface IndicatorTargetTable { gemeente_code: string; target_id: string; indicator_id: string; year: number; area_code: string | null; target: number | null; baseline: number | null; note: string | null; set_by: string; set_at: Generated<Date> }
/** Migration 0014 (issue 5, sturen): versioned beleidskader, turn-the-curve notes, actions, their history. */
export interface FrameworkTable { gemeente_code: string; framework_id: string; created_by: string; created_at: Generated<Date> }
export interface FrameworkVersionTable { gemeente_code: string; framework_id: string; version: number; status: Generated<'concept' | 'vastgesteld' | 'vervallen'>; title: string; vision: Generated<string>; mission: Generated<string>; principles: ColumnType<unknown, string | undefined, string>; adopted_on: string | null; decision_ref: string | null; in_force_from: string | null; in_force_to: string | null; template_id: string | null; updated_by: string; updated_at: Generated<Date> }
export interface FrameworkNodeTable { gemeente_code: string; framework_id: string; version: number; node_id: string; parent_id: string | null; kind: 'theme' | 'effect' | 'doel' | 'programma'; title: string; description: Generated<string>; position: Generated<number> }
export interface FrameworkIndicatorTable { gemeente_code: string; framework_id: string; version: number; node_id: string; indicator_id: string; measure_kind: 'population' | 'how_much' | 'how_well' | 'better_off'; attention_margin: number | null; position: Generated<number> }
export interface FrameworkBudgetTable { gemeente_code: string; framework_id: string; version: number; node_id: string; taakveld: string }
export interface IndicatorNoteTable { gemeente_code: string; note_id: string; indicator_id: string; period_type: string; period: string; area_code: string | null; story: Generated<string>; helps: Generated<string>; hurts: Generated<string>; partners: Generated<string>; what_works: Generated<string>; action_plan: Generated<string>; written_by: string; written_at: Generated<Date> }
export interface SteeringActionTable { gemeente_code: string; action_id: string; title: string; description: Generated<string>; owner: string; status: Generated<'gepland' | 'bezig' | 'afgerond' | 'gestopt'>; start_date: string | null; due_date: string | null; done_on: string | null; updated_by: string; updated_at: Generated<Date> }
export interface SteeringActionLinkTable { gemeente_code: string; action_id: string; link_id: string; framework_id: string | null; node_id: string | null; indicator_id: string | null }
export interface SteeringHistoryTable { gemeente_code: string; history_id: string; entity: SteeringEntity; entity_id: string; change: SteeringChange; changed_by: string; changed_at: Generated<Date>; before: ColumnType<unknown, string | null, string | null>; after: ColumnType<unknown, string | null, string | null> }
export type SteeringEntity = 'framework' | 'framework_version' | 'node' | 'note' | 'action';
export type SteeringChange = 'created' | 'changed' | 'deleted' | 'adopted' | 'new_version' | 'withdrawn';
export interface AppUserTable { user_id: string; gemeente_code: string; username: string; display_name: string; role: string; password_hash: string; agb_code: string | null; disabled: Generated<boolean>; created_at: Generated<Date> }
export interface UserSessionTable { session_hash: string; user_id: string; csrf_token: string; created_at: Generated<Date>; expires_at: Timestamp; last_seen_at: Generated<Date> }
export interface AuditLogTable { audit_id: string; at: Generated<Date>; gemeente_code: string | null; user_id: string | null; username: string | null; action: string; object: string | null; details: unknown; ip: string | null }

export interface QuarantineRecordTable { quarantine_id: string; gemeente_code: string | null; import_id: string | null; file_name: string; source: string; location: string | null; field: string | null; reason: string; record: unknown | null; status: ColumnType<'open' | 'resolved' | 'ignored', 'open' | 'resolved' | 'ignored' | undefined, 'open' | 'resolved' | 'ignored'>; created_at: Generated<Date>; resolved_at: Timestamp | null; resolved_by: string | null; resolved_import_id: ColumnType<string | null, string | null | undefined, string | null> }

export interface ApiTokenTable { gemeente_code: string; token_id: string; name: string; token_sha256: string; scope: ColumnType<'import', 'import' | undefined, 'import'>; created_by: string | null; created_at: Generated<Date>; last_used_at: Timestamp | null; revoked_at: Timestamp | null }
export interface ImportMappingTable { gemeente_code: string; mapping_id: string; name: string; source: string; definition: unknown; updated_by: string | null; updated_at: Generated<Date> }

// Tabular sources (migration 0005, src/ingest/tabular).
export interface BenefitSpellTable { gemeente_code: string; person_id: string; regeling: string; start_date: string; end_date: string | null; end_reason: string | null; household_type: string | null; children: number | null; import_id: string | null }
export interface ToegangCaseTable { gemeente_code: string; case_id: string; person_id: string; law: string; melding_date: string; aanvraag_date: string | null; besluit_date: string | null; besluit: string | null; category_code: string | null; team: string | null; import_id: string | null }
export interface SchuldhulpCaseTable { gemeente_code: string; case_id: string; person_id: string; aanmelding_date: string; first_conversation_date: string | null; threat: string | null; early_signal: boolean | null; end_date: string | null; end_reason: string | null; team: string | null; import_id: string | null }
export interface AlgemeneVoorzieningUseTable { gemeente_code: string; person_id: string; voorziening: string; start_date: string; end_date: string | null; aanbieder: string | null; import_id: string | null }
export interface AlgemeneVoorzieningCountTable { gemeente_code: string; voorziening: string; period: string; period_type: string; period_start: string; period_end: string; area_code: string; participants: number; contacts: number | null; aanbieder: string | null; import_id: string | null }
export interface ZrmAssessmentTable { gemeente_code: string; person_id: string; assessment_date: string; domain: string; moment: string; version: string; source_domain: string; score: number; plan_id: string | null; import_id: string | null }
export interface PlanGoalTable { gemeente_code: string; plan_id: string; goal_id: string; evaluation_date: string | null; person_id: string; life_domain: string | null; start_date: string | null; gas_score: number | null; weight: ColumnType<number, number | undefined, number>; team: string | null; import_id: string | null }
export interface TrajectoryOutcomeTable { gemeente_code: string; person_id: string; law: string; agb_code: string; end_date: string; informant: string; category_code: string | null; toewijzing_nummer: string | null; continues_without_help: boolean; goals_reached: string | null; satisfied: boolean | null; import_id: string | null }
export interface ClientExperienceTable { gemeente_code: string; year: number; law: string; question_code: string; question: string | null; theme: string | null; respondents: number; agree: number; neutral: number | null; disagree: number | null; import_id: string | null }
export interface BudgetLineTable { gemeente_code: string; year: number; month: ColumnType<number, number | undefined, number>; taakveld: string; product_code: ColumnType<string, string | undefined, string>; kind: string; law: string | null; amount_cents: number; import_id: string | null }

// iWmo/iJw message facts (migrations 0001 and 0004, src/ingest/messages-import.ts) and derived views.
export interface ToewijzingRecordTable { gemeente_code: string; message_id: string; seq: number; law: string; toewijzing_nummer: string; person_id: string; agb_code: string; category_code: string | null; product_code: string | null; toewijzingsdatum: string; toewijzingstijd: string; ingangsdatum: string; einddatum: string | null; reden_wijziging: string | null; volume: number | null; eenheid: string | null; frequentie: string | null; budget_cents: number | null; referentie_aanbieder: string | null; dagtekening: string }
export interface DeliveryRecordTable { gemeente_code: string; message_id: string; seq: number; kind: 'start' | 'stop'; law: string; toewijzing_nummer: string | null; person_id: string; agb_code: string; category_code: string | null; product_code: string | null; toewijzing_ingangsdatum: string | null; begindatum: string; einddatum: string | null; reden_beeindiging: string | null; status_aanlevering: string; dagtekening: string; identificatie: string }
export interface RequestRecordTable { gemeente_code: string; message_id: string; seq: number; law: string; referentie_aanbieder: string; person_id: string; agb_code: string; beschikking_nummer: string | null; category_code: string | null; product_code: string | null; beschikking_ingangsdatum: string | null; toewijzing_ingangsdatum: string; toewijzing_einddatum: string | null; volume: number | null; eenheid: string | null; frequentie: string | null; budget_cents: number | null; verwijzer_type: string; raamcontract: boolean | null; ontvangstdatum: string; dagtekening: string; identificatie: string }
export interface ChangeRequestTable { gemeente_code: string; message_id: string; law: string; referentie_aanbieder: string; person_id: string; agb_code: string; reden_verzoek: string; ontvangstdatum: string; dagtekening: string; identificatie: string }
export interface ChangeRequestProductTable { gemeente_code: string; message_id: string; seq: number; kind: 'ongewijzigd' | 'te_wijzigen' | 'nieuw'; toewijzing_nummer: string | null; category_code: string | null; product_code: string | null; gewenste_ingangsdatum: string | null; einddatum: string | null; volume: number | null; eenheid: string | null; frequentie: string | null; budget_cents: number | null }
export interface RequestAnswerTable { gemeente_code: string; message_id: string; law: string; agb_code: string; referentie_aanbieder: string; verzoek_antwoord: '1' | '2'; reden_afwijzing: string | null; woonplaats_gemeente: string | null; dagtekening: string; identificatie: string }
export interface DeclaratieRecordTable { gemeente_code: string; message_id: string; law: string; agb_code: string; declaratie_nummer: string; periode_begin: string; periode_eind: string; declaratie_dagtekening: string; totaal_cents: number; debet_credit: 'D' | 'C'; dagtekening: string; identificatie: string }
export interface PrestatieRecordTable { gemeente_code: string; message_id: string; seq: number; law: string; agb_code: string; person_id: string; declaratie_nummer: string; referentie_nummer: string; vorig_referentie_nummer: string | null; toewijzing_nummer: string; category_code: string; product_code: string; periode_begin: string; periode_eind: string; geleverd_volume: number; eenheid: string; product_tarief_cents: number | null; ingediend_cents: number; debet_credit: 'D' | 'C'; dagtekening: string; identificatie: string }
export interface DeclaratieAntwoordTable { gemeente_code: string; message_id: string; law: string; agb_code: string; declaratie_identificatie: string; declaratie_dagtekening: string; declaratie_nummer: string | null; header_codes: string[]; antwoord_codes: string[]; totaal_ingediend_cents: number | null; totaal_ingediend_dc: 'D' | 'C' | null; totaal_toegekend_cents: number | null; totaal_toegekend_dc: 'D' | 'C' | null; akkoord: boolean; dagtekening: string; identificatie: string }
export interface PrestatieAntwoordTable { gemeente_code: string; message_id: string; seq: number; law: string; agb_code: string; person_id: string; referentie_nummer: string; vorig_referentie_nummer: string | null; toewijzing_nummer: string; category_code: string; product_code: string; periode_begin: string; periode_eind: string; geleverd_volume: number; eenheid: string; product_tarief_cents: number | null; ingediend_cents: number; debet_credit: 'D' | 'C'; retour_codes: string[]; client_codes: string[]; afgewezen: boolean }
export interface RetourMessageTable { gemeente_code: string; message_id: string; law: string; message_type: string; answers_type: string; agb_code: string; answered_identificatie: string; answered_dagtekening: string; identificatie: string; dagtekening: string; person_id: string | null; header_codes: string[]; client_codes: string[]; akkoord: boolean }
export interface RetourItemTable { gemeente_code: string; message_id: string; seq: number; level: string; item_key: string; retour_codes: string[]; akkoord: boolean }
/** Derived: how a 305/307 without ToewijzingNummer was linked to a toewijzing (null + reason when none fits). */
export interface DeliveryLinkTable { gemeente_code: string; message_id: string; seq: number; person_id: string; toewijzing_nummer: string | null; reason: string | null }
/** Postcode + huisnummer range → wijk (and buurt); pariteit alle/even/oneven. */
export interface PostcodeRangeTable { gemeente_code: string; postcode: string; huisnummer_van: number; huisnummer_tot: number; pariteit: 'alle' | 'even' | 'oneven'; area_code: string; buurt_code: string | null }
export interface AllocationWithoutStartTable { gemeente_code: string; person_id: string; law: string; toewijzing_nummer: string; category_code: string | null; agb_code: string; toewijzingsdatum: string; ingangsdatum: string; einddatum: string | null }
/** View: net current state per debet prestatie (credits cancel, 325 rejections count). */
export interface DeclaratieCurrentView { gemeente_code: string; law: string; agb_code: string; referentie_nummer: string; person_id: string; toewijzing_nummer: string; category_code: string; product_code: string; periode_begin: string; periode_eind: string; geleverd_volume: number; eenheid: string; product_tarief_cents: number | null; ingediend_cents: number; declaratie_nummer: string; ingediend_op: string; declaratie_identificatie: string; beantwoord_op: string | null; beoordeling: 'ingediend' | 'toegekend' | 'afgewezen'; retour_codes: string[] | null; credit_referentie_nummer: string | null; gecrediteerd_op: string | null; status: 'ingediend' | 'toegekend' | 'afgewezen' | 'gecrediteerd'; toegekend_cents: number }
/** View: per 315/317 request its receipt and the gemeente's answers. */
export interface VerzoekStatusView { gemeente_code: string; law: string; agb_code: string; referentie_aanbieder: string; soort: '315' | '317'; person_id: string; ontvangstdatum: string; toegewezen_op: string | null; in_onderzoek_op: string | null; afgewezen_op: string | null; reden_afwijzing: string | null; eerste_antwoord_op: string | null; definitief_antwoord_op: string | null; uitkomst: 'toegewezen' | 'afgewezen' | 'in_onderzoek' | 'open' }
/** View: per received heenbericht (and 323) its first retour (or 325). */
export interface BerichtRetourView { gemeente_code: string; message_id: string; law: string; message_type: string; identificatie: string; dagtekening: string; afzender: string; ontvanger: string; retour_op: string | null; retour_akkoord: boolean | null }

export interface Database {
  api_token: ApiTokenTable;
  import_mapping: ImportMappingTable;
  quarantine_record: QuarantineRecordTable;
  benefit_spell: BenefitSpellTable;
  toegang_case: ToegangCaseTable;
  schuldhulp_case: SchuldhulpCaseTable;
  algemene_voorziening_use: AlgemeneVoorzieningUseTable;
  algemene_voorziening_count: AlgemeneVoorzieningCountTable;
  zrm_assessment: ZrmAssessmentTable;
  plan_goal: PlanGoalTable;
  trajectory_outcome: TrajectoryOutcomeTable;
  client_experience: ClientExperienceTable;
  budget_line: BudgetLineTable;
  gemeente: GemeenteTable;
  area: AreaTable;
  population: PopulationTable;
  postcode_area: PostcodeAreaTable;
  aanbieder: AanbiederTable;
  contract: ContractTable;
  product: ProductTable;
  person: PersonTable;
  person_residence: PersonResidenceTable;
  import_run: ImportRunTable;
  import_file: ImportFileTable;
  received_message: ReceivedMessageTable;
  toewijzing_record: ToewijzingRecordTable;
  delivery_record: DeliveryRecordTable;
  allocation_without_start: AllocationWithoutStartTable;
  delivery_link: DeliveryLinkTable;
  postcode_range: PostcodeRangeTable;
  request_record: RequestRecordTable;
  change_request: ChangeRequestTable;
  change_request_product: ChangeRequestProductTable;
  request_answer: RequestAnswerTable;
  declaratie_record: DeclaratieRecordTable;
  prestatie_record: PrestatieRecordTable;
  declaratie_antwoord: DeclaratieAntwoordTable;
  prestatie_antwoord: PrestatieAntwoordTable;
  retour_message: RetourMessageTable;
  retour_item: RetourItemTable;
  declaratie_current: DeclaratieCurrentView;
  verzoek_status: VerzoekStatusView;
  bericht_retour: BerichtRetourView;
  trajectory: TrajectoryTable;
  indicator_result: IndicatorResultTable;
  indicator_target: IndicatorTargetTable;
  framework: FrameworkTable;
  framework_version: FrameworkVersionTable;
  framework_node: FrameworkNodeTable;
  framework_indicator: FrameworkIndicatorTable;
  framework_budget: FrameworkBudgetTable;
  indicator_note: IndicatorNoteTable;
  steering_action: SteeringActionTable;
  steering_action_link: SteeringActionLinkTable;
  steering_history: SteeringHistoryTable;
  peer_reference: PeerReferenceTable;
  peer_choice: PeerChoiceTable;
  segment_config: SegmentConfigTable;
  segment_flow: SegmentFlowTable;
  segment_zrm: SegmentZrmTable;
  segment_stapeling: SegmentStapelingTable;
  gemeente_region: GemeenteRegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
}

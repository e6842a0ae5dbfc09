import type { ColumnType, Generated } from 'kysely';

/** Kysely table types; the SQL in src/db/migrations is the source of truth. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface GemeenteTable { gemeente_code: string; name: string; created_at: Generated<Date> }
export interface AreaTable { gemeente_code: string; area_code: string; level: 'gemeente' | 'wijk' | 'buurt'; parent_code: string | null; name: string; geometry: unknown | null }
export interface PopulationTable { gemeente_code: string; year: number; area_code: string; age: number; sex: string; inhabitants: number }
export interface PostcodeAreaTable { gemeente_code: string; postcode: string; area_code: string }
export interface AanbiederTable { gemeente_code: string; agb_code: string; name: string }
export interface ContractTable { gemeente_code: string; contract_code: string; agb_code: string; law: string; uitvoeringsvariant: string; toewijzingsvariant: string | null; valid_from: string; valid_to: string | null }
export interface ProductTable { gemeente_code: string; contract_code: string; product_code: string; law: string; category_code: string; name: string; tariff_cents: number | null; unit: string | null }
export interface PersonTable { gemeente_code: string; person_id: string; birth_year: number | null; birth_month: number | null; sex: string | null; updated_at: Timestamp }
export interface PersonResidenceTable { gemeente_code: string; person_id: string; valid_from: string; area_code: string | null; household_key: string | null }
export interface ImportRunTable { gemeente_code: string | null; import_id: string; started_at: Timestamp; finished_at: Timestamp | null; source: string; username: string | null; files_total: number; files_accepted: number; files_rejected: number; files_duplicate: number }
export interface ImportFileTable { import_id: string; file_seq: number; file_name: string; gemeente_code: string | null; source: string | null; status: 'accepted' | 'rejected' | 'duplicate'; message_type: string | null; sha256: string | null; error_location: string | null; error_reason: string | null }
export interface ReceivedMessageTable { gemeente_code: string; message_id: string; sha256: string; standard: string; law: string; message_type: string; berichtcode: number; afzender: string; ontvanger: string; identificatie: string; dagtekening: string; received_at: Timestamp; import_id: string | null; source_name: string; byte_size: number; payload: unknown }
export interface TrajectoryTable { gemeente_code: string; person_id: string; law: string; category_code: string; agb_code: string; start_date: string; end_date: string | null; end_reason: string | null; end_source: string | null; first_toewijzingsdatum: string | null; toewijzing_nummers: string[] }
export interface IndicatorResultTable { gemeente_code: string; indicator_id: string; version: number; period_type: string; period: string; area_code: string; breakdown_key: string; breakdown: unknown; numerator: number | null; denominator: number | null; value: number | null; status: 'provisional' | 'final'; computed_at: Timestamp }
export interface AppUserTable { user_id: string; gemeente_code: string; username: string; display_name: string; role: string; password_hash: string; agb_code: string | null; disabled: Generated<boolean>; created_at: Generated<Date> }
export interface UserSessionTable { session_hash: string; user_id: string; csrf_token: string; created_at: Generated<Date>; expires_at: Timestamp; last_seen_at: Generated<Date> }
export interface AuditLogTable { audit_id: string; at: Generated<Date>; gemeente_code: string | null; user_id: string | null; username: string | null; action: string; object: string | null; details: unknown; ip: string | null }

export interface QuarantineRecordTable { quarantine_id: string; gemeente_code: string | null; import_id: string | null; file_name: string; source: string; location: string | null; field: string | null; reason: string; record: unknown | null; status: ColumnType<'open' | 'resolved' | 'ignored', 'open' | 'resolved' | 'ignored' | undefined, 'open' | 'resolved' | 'ignored'>; created_at: Generated<Date>; resolved_at: Timestamp | null; resolved_by: string | null }

export interface Database {
  quarantine_record: QuarantineRecordTable;
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
  trajectory: TrajectoryTable;
  indicator_result: IndicatorResultTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
}

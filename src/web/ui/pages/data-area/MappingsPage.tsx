import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorMessage, isAbort } from '../../api.js';
import { dataApi, type Mapping, type MappingInfo, type MappingPreview, type TabularSource } from '../../data-api.js';
import {
  Alert,
  Button,
  EmptyState,
  FileDrop,
  FormField,
  Heading,
  Paragraph,
  Select,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '../../components/index.js';
import { formatDateTime } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import {
  choiceOf,
  choiceValue,
  formatValueMap,
  missingColumns,
  parseValueMap,
  withChoice,
  withColumnOption,
  withConstant,
  withSettings,
} from './mapping-model.js';

const TYPE_LABELS: Record<string, string> = {
  text: 'tekst',
  integer: 'geheel getal',
  decimal: 'getal',
  date: 'datum',
  code: 'code',
  bsn: 'BSN',
  boolean: 'ja/nee',
};

/** Saved mappings of the gemeente, with edit and delete. */
function SavedMappings({ mappings, sources, currentId, onDeleted }: { mappings: MappingInfo[]; sources: TabularSource[]; currentId: string | null; onDeleted: (name: string) => void }) {
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!mappings.length) {
    return (
      <EmptyState title="Nog geen koppelingen" level={2}>
        <Paragraph>
          Maak hieronder een koppeling voor een eigen bestand. Daarna kiest u die koppeling bij{' '}
          <Link to="/data/importeren" className="utrecht-link utrecht-link--html-a">
            Importeren
          </Link>
          .
        </Paragraph>
      </EmptyState>
    );
  }
  return (
    <section className="koers-section" aria-labelledby="mappings-saved">
      <Heading level={2} id="mappings-saved">
        Bewaarde koppelingen
      </Heading>
      {error ? (
        <Alert type="error" live>
          <Paragraph>{error}</Paragraph>
        </Alert>
      ) : null}
      <TableContainer label="Bewaarde koppelingen" data-testid="mappings-table">
        <Table>
          <TableCaption>Koppelingen van uw gemeente</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Naam</TableHeaderCell>
              <TableHeaderCell>Tabel</TableHeaderCell>
              <TableHeaderCell>Laatst gewijzigd</TableHeaderCell>
              <TableHeaderCell>Acties</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {mappings.map((m) => (
              <TableRow key={m.id} aria-current={m.id === currentId ? 'true' : undefined}>
                <TableHeaderCell scope="row">{m.name}</TableHeaderCell>
                <TableCell>{sources.find((s) => s.id === m.source)?.label ?? m.source}</TableCell>
                <TableCell>
                  {formatDateTime(m.updatedAt)}
                  {m.updatedBy ? ` door ${m.updatedBy}` : ''}
                </TableCell>
                <TableCell>
                  {confirm === m.id ? (
                    <span className="koers-row-actions" role="group" aria-label={`Koppeling ${m.name} verwijderen?`}>
                      <span>Zeker weten?</span>
                      <Button
                        appearance="primary-action"
                        onClick={() => {
                          setError(null);
                          dataApi.deleteMapping(m.id).then(
                            () => {
                              setConfirm(null);
                              onDeleted(m.name);
                            },
                            (e: unknown) => setError(errorMessage(e)),
                          );
                        }}
                      >
                        Ja, verwijderen
                      </Button>
                      <Button appearance="secondary-action" onClick={() => setConfirm(null)}>
                        Nee
                      </Button>
                    </span>
                  ) : (
                    <span className="koers-row-actions">
                      <Button appearance="secondary-action" aria-label={`Bewerken: ${m.name}`} onClick={() => setSearchParams({ id: m.id, bron: m.source })}>
                        Bewerken
                      </Button>
                      <Button appearance="subtle" aria-label={`Verwijderen: ${m.name}`} onClick={() => setConfirm(m.id)}>
                        Verwijderen
                      </Button>
                    </span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </section>
  );
}

/** The first rows of the sample as Koers will read them, with the problems per row. */
function PreviewTable({ preview, source }: { preview: MappingPreview; source: TabularSource }) {
  const targets = source.columns.filter((c) => c.name in preview.mapping.columns);
  if (!preview.rows.length) return <Paragraph>Het voorbeeldbestand heeft geen gegevensregels.</Paragraph>;
  return (
    <TableContainer label="Voorbeeld van de eerste regels" data-testid="mapping-preview">
      <Table>
        <TableCaption>Zo leest Koers de eerste {preview.rows.length} regels</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Regel</TableHeaderCell>
            {targets.map((c) => (
              <TableHeaderCell key={c.name}>{c.name}</TableHeaderCell>
            ))}
            <TableHeaderCell>Problemen</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.rows.map((row) => (
            <TableRow key={row.line} className={row.errors.length ? 'koers-preview-row--error' : undefined}>
              <TableHeaderCell scope="row">
                {row.line}
              </TableHeaderCell>
              {targets.map((c) => {
                const bad = row.errors.some((e) => e.field === c.name);
                const value = row.values[c.name];
                return (
                  <TableCell key={c.name} className={bad ? 'koers-cell--error' : undefined}>
                    {value === null || value === undefined ? '–' : String(value)}
                    {bad ? <span className="koers-visually-hidden"> (fout)</span> : null}
                  </TableCell>
                );
              })}
              <TableCell className="koers-reason">
                {row.errors.length ? (
                  <ul className="koers-plain-list">
                    {row.errors.map((e, i) => (
                      <li key={i}>
                        {e.field ? <strong>{e.field}</strong> : null}
                        {e.field ? ': ' : ''}
                        {e.reason}
                      </li>
                    ))}
                  </ul>
                ) : (
                  'geen'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function previewSummary(preview: MappingPreview): string {
  const bad = preview.rows.filter((r) => r.errors.length).length;
  if (!preview.rows.length) return 'Voorbeeld bijgewerkt: geen gegevensregels gevonden.';
  return `Voorbeeld bijgewerkt: ${preview.rows.length} regels, ${bad === 0 ? 'zonder problemen' : `${bad} met problemen`}.`;
}

/** The editor: source, sample file, per target column where it comes from, live preview, save. */
function MappingEditor({ sources, editing, onSaved }: { sources: TabularSource[]; editing: MappingInfo | null; onSaved: (m: MappingInfo) => void }) {
  const { search } = useLocation();
  const sourceId = editing?.source ?? search.get('bron') ?? sources[0]?.id ?? '';
  const source = sources.find((s) => s.id === sourceId) ?? null;
  const [name, setName] = useState(editing?.name ?? '');
  const [mapping, setMapping] = useState<Mapping>(editing?.definition ?? { source: sourceId, columns: {} });
  const [sample, setSample] = useState<File[]>([]);
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [mapTexts, setMapTexts] = useState<Record<string, string>>({});
  const [saveState, setSaveState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error' | 'ok'; text: string }>({ kind: 'idle' });
  const [nameMissing, setNameMissing] = useState(false);
  const useServerDefault = useRef(!editing);
  const justSaved = useRef<string | null>(null);

  // A new source (or another mapping to edit) starts over; the mapping just saved stays as it is.
  useEffect(() => {
    if (editing && editing.id === justSaved.current) return;
    setMapping(editing?.definition ?? { source: sourceId, columns: {} });
    setName(editing?.name ?? '');
    setMapTexts(Object.fromEntries(Object.entries(editing?.definition.columns ?? {}).flatMap(([k, v]) => ('column' in v && v.map ? [[k, formatValueMap(v.map)]] : []))));
    setPreview(null);
    setPreviewError(null);
    setSaveState({ kind: 'idle' });
    useServerDefault.current = !editing;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sourceId, editing?.id]);

  const file = sample[0] ?? null;
  const mappingKey = JSON.stringify(mapping);

  // Live preview: after a short pause, read the sample with the mapping as it is now.
  useEffect(() => {
    if (!file || !source) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      // The first time, let the server propose a mapping from the file's column names.
      const first = useServerDefault.current && Object.keys(mapping.columns).length === 0;
      dataApi.preview(file, source.id, first ? null : mapping, controller.signal).then(
        (result) => {
          setPreview(result);
          setPreviewError(null);
          setPreviewing(false);
          if (first) {
            useServerDefault.current = false;
            setMapping(result.mapping);
          }
        },
        (error: unknown) => {
          if (isAbort(error)) return;
          setPreviewError(errorMessage(error));
          setPreviewing(false);
        },
      );
    }, 400);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, source?.id, mappingKey]);

  const headers = useMemo(() => {
    const fromFile = preview?.headers ?? [];
    const used = Object.values(mapping.columns).flatMap((m) => ('column' in m ? [m.column] : []));
    return [...fromFile, ...used.filter((u) => !fromFile.includes(u))];
  }, [preview, mapping]);
  const missing = preview ? missingColumns(mapping, preview.headers) : [];

  if (!source) {
    return (
      <Alert type="info">
        <Paragraph>Deze versie van Koers kent nog geen eigen tabellen. Berichten en vaste bestanden leest u in via Importeren.</Paragraph>
      </Alert>
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      document.getElementById('mapping-name')?.focus();
      return;
    }
    setNameMissing(false);
    setSaveState({ kind: 'saving' });
    try {
      const saved = await dataApi.saveMapping({ id: editing?.id ?? null, name: name.trim(), source: source!.id, definition: { ...mapping, source: source!.id } });
      justSaved.current = saved.id;
      setSaveState({ kind: 'ok', text: `Koppeling "${saved.name}" is bewaard. U kunt hem nu kiezen bij Importeren.` });
      onSaved(saved);
    } catch (error) {
      setSaveState({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <form className="koers-form koers-mapping-editor" onSubmit={save} noValidate aria-labelledby="mapping-editor-title">
      <Heading level={2} id="mapping-editor-title">
        {editing ? `Koppeling "${editing.name}" bewerken` : 'Nieuwe koppeling'}
      </Heading>

      <FormField htmlFor="mapping-source" label="Tabel in Koers" description={source.description} descriptionId="mapping-source-help">
        <Select id="mapping-source" value={source.id} disabled={Boolean(editing)} aria-describedby="mapping-source-help" onChange={(event) => setSearchParams({ bron: event.currentTarget.value, id: null })}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </Select>
      </FormField>

      <FileDrop
        id="mapping-sample"
        label="Voorbeeldbestand"
        description="Een Excel- (.xlsx) of CSV-bestand uit uw eigen systeem. Koers leest alleen de kolomnamen en de eerste regels; er wordt niets ingelezen."
        accept=".csv,.txt,.xlsx"
        files={sample}
        onFiles={setSample}
        data-testid="mapping-sample"
      />

      <fieldset className="koers-fieldset">
        <legend className="koers-fieldset__legend">Hoe is het bestand opgebouwd?</legend>
        <div className="koers-controls">
          {preview?.sheets?.length ? (
            <FormField htmlFor="mapping-sheet" label="Werkblad" className="koers-controls__field">
              <Select id="mapping-sheet" value={mapping.sheet ?? ''} onChange={(event) => setMapping(withSettings(mapping, { sheet: event.currentTarget.value || undefined }))}>
                <option value="">Het eerste werkblad</option>
                {preview.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </FormField>
          ) : null}
          <FormField htmlFor="mapping-delimiter" label="Scheidingsteken (CSV)" className="koers-controls__field">
            <Select id="mapping-delimiter" value={mapping.delimiter ?? ''} onChange={(event) => setMapping(withSettings(mapping, { delimiter: (event.currentTarget.value || undefined) as Mapping['delimiter'] }))}>
              <option value="">Zelf herkennen</option>
              <option value=";">Puntkomma (;)</option>
              <option value=",">Komma (,)</option>
            </Select>
          </FormField>
          <FormField htmlFor="mapping-header-row" label="Kopregel staat op regel" className="koers-controls__field">
            <Textbox
              id="mapping-header-row"
              type="number"
              min={1}
              inputMode="numeric"
              value={mapping.headerRow ?? 1}
              onChange={(event) => {
                const n = Number(event.currentTarget.value);
                setMapping(withSettings(mapping, { headerRow: Number.isInteger(n) && n > 1 ? n : undefined }));
              }}
            />
          </FormField>
          <FormField htmlFor="mapping-date-format" label="Datumnotatie" description="Bijvoorbeeld DD-MM-YYYY of YYYYMMDD." descriptionId="mapping-date-format-help" className="koers-controls__field">
            <Textbox
              id="mapping-date-format"
              aria-describedby="mapping-date-format-help"
              placeholder="YYYY-MM-DD"
              value={mapping.dateFormat ?? ''}
              onChange={(event) => setMapping(withSettings(mapping, { dateFormat: event.currentTarget.value.trim() || undefined }))}
            />
          </FormField>
        </div>
      </fieldset>

      <section className="koers-section" aria-labelledby="mapping-columns">
        <Heading level={3} id="mapping-columns">
          Welke kolom hoort bij welk gegeven?
        </Heading>
        <Paragraph>
          Kies voor elk gegeven in Koers de kolom uit uw bestand, of een vaste waarde die voor elke regel geldt. Gegevens met
          een sterretje (*) zijn verplicht.
          {!file ? ' Kies eerst een voorbeeldbestand, dan ziet u de kolommen uit uw bestand.' : ''}
        </Paragraph>
        {missing.length ? (
          <Alert type="warning">
            <Paragraph>Deze kolommen uit de koppeling staan niet in het voorbeeldbestand: {missing.join(', ')}.</Paragraph>
          </Alert>
        ) : null}
        <TableContainer label="Koppeling per gegeven" data-testid="mapping-columns">
          <Table alternateRowColor={false}>
            <TableCaption>Koppeling per gegeven</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Gegeven in Koers</TableHeaderCell>
                <TableHeaderCell>Komt uit</TableHeaderCell>
                <TableHeaderCell>Instelling</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {source.columns.map((c) => {
                const m = mapping.columns[c.name];
                const choice = choiceOf(m);
                const id = `map-${c.name}`;
                return (
                  <TableRow key={c.name}>
                    <TableHeaderCell scope="row" className="koers-mapping-target">
                      <span className="koers-mapping-target__name">
                        {c.name}
                        {c.required ? <span aria-label="verplicht"> *</span> : null}
                      </span>
                      <span className="koers-mapping-target__help">
                        {c.description} ({TYPE_LABELS[c.type] ?? c.type})
                      </span>
                    </TableHeaderCell>
                    <TableCell>
                      <label className="koers-visually-hidden" htmlFor={id}>
                        {c.name} komt uit
                      </label>
                      <Select id={id} value={choiceValue(choice)} onChange={(event) => setMapping(withChoice(mapping, c.name, event.currentTarget.value))}>
                        <option value="">{c.required ? '— kies een kolom —' : '— niet gebruiken —'}</option>
                        {headers.map((h) => (
                          <option key={h} value={`kolom:${h}`}>
                            Kolom: {h || '(naamloos)'}
                          </option>
                        ))}
                        <option value="vast">Vaste waarde</option>
                      </Select>
                    </TableCell>
                    <TableCell className="koers-mapping-options">
                      {m && 'constant' in m ? (
                        <>
                          <label className="utrecht-form-label koers-small-label" htmlFor={`${id}-constant`}>
                            Vaste waarde voor {c.name}
                          </label>
                          {c.codes ? (
                            <Select id={`${id}-constant`} value={m.constant} onChange={(event) => setMapping(withConstant(mapping, c.name, event.currentTarget.value))}>
                              <option value="">— kies —</option>
                              {Object.entries(c.codes).map(([code, label]) => (
                                <option key={code} value={code}>
                                  {code}: {label}
                                </option>
                              ))}
                            </Select>
                          ) : (
                            <Textbox id={`${id}-constant`} value={m.constant} onChange={(event) => setMapping(withConstant(mapping, c.name, event.currentTarget.value))} />
                          )}
                        </>
                      ) : null}
                      {m && 'column' in m && c.type === 'date' ? (
                        <>
                          <label className="utrecht-form-label koers-small-label" htmlFor={`${id}-date`}>
                            Datumnotatie voor {c.name}
                          </label>
                          <Textbox
                            id={`${id}-date`}
                            placeholder={mapping.dateFormat ?? 'YYYY-MM-DD'}
                            value={m.dateFormat ?? ''}
                            onChange={(event) => setMapping(withColumnOption(mapping, c.name, { dateFormat: event.currentTarget.value.trim() || undefined }))}
                          />
                        </>
                      ) : null}
                      {m && 'column' in m && (c.type === 'code' || c.type === 'boolean') ? (
                        <>
                          <label className="utrecht-form-label koers-small-label" htmlFor={`${id}-map`}>
                            Waarden vertalen voor {c.name}
                          </label>
                          <textarea
                            id={`${id}-map`}
                            className="utrecht-textarea utrecht-textarea--html-textarea koers-value-map"
                            rows={3}
                            aria-describedby={`${id}-map-help`}
                            value={mapTexts[c.name] ?? formatValueMap(m.map)}
                            onChange={(event) => {
                              const text = event.currentTarget.value;
                              setMapTexts({ ...mapTexts, [c.name]: text });
                              setMapping(withColumnOption(mapping, c.name, { map: parseValueMap(text) }));
                            }}
                          />
                          <span id={`${id}-map-help`} className="koers-mapping-target__help">
                            Eén per regel: waarde in uw bestand = waarde in Koers
                            {c.codes ? ` (${Object.keys(c.codes).join(', ')})` : ''}. Bijvoorbeeld: man = M.
                          </span>
                        </>
                      ) : null}
                      {!m || ('column' in m && c.type !== 'date' && c.type !== 'code' && c.type !== 'boolean') ? <span className="koers-muted">–</span> : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </section>

      <section className="koers-section" aria-labelledby="mapping-preview-title">
        <Heading level={3} id="mapping-preview-title">
          Voorbeeld
        </Heading>
        <p className="utrecht-paragraph" role="status" aria-live="polite" data-testid="mapping-preview-status">
          {!file
            ? 'Kies een voorbeeldbestand om te zien hoe Koers uw gegevens leest.'
            : previewing
              ? 'Voorbeeld bijwerken…'
              : previewError
                ? 'Het voorbeeld kon niet worden gemaakt.'
                : preview
                  ? previewSummary(preview)
                  : ''}
        </p>
        {previewError ? (
          <Alert type="error">
            <Paragraph>{previewError}</Paragraph>
          </Alert>
        ) : null}
        {preview && file ? <PreviewTable preview={preview} source={source} /> : null}
      </section>

      <section className="koers-section" aria-labelledby="mapping-save-title">
        <Heading level={3} id="mapping-save-title">
          Bewaren
        </Heading>
        <FormField htmlFor="mapping-name" label="Naam van de koppeling" description="Bijvoorbeeld de naam van het systeem waar het bestand uit komt." descriptionId="mapping-name-help" invalid={nameMissing}>
          <Textbox id="mapping-name" value={name} maxLength={100} invalid={nameMissing} aria-describedby={nameMissing ? 'mapping-name-help mapping-name-error' : 'mapping-name-help'} onChange={(event) => setName(event.currentTarget.value)} />
        </FormField>
        {nameMissing ? (
          <p className="utrecht-form-field-error-message" id="mapping-name-error">
            Geef de koppeling een naam.
          </p>
        ) : null}
        <div className="koers-form__actions">
          <Button type="submit" appearance="primary-action" busy={saveState.kind === 'saving'} disabled={saveState.kind === 'saving'}>
            {editing ? 'Wijzigingen bewaren' : 'Koppeling bewaren'}
          </Button>
          {editing ? (
            <Button appearance="secondary-action" onClick={() => setSearchParams({ id: null })}>
              Nieuwe koppeling maken
            </Button>
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {saveState.kind === 'ok' || saveState.kind === 'error' ? (
            <Alert type={saveState.kind === 'ok' ? 'ok' : 'error'}>
              <Paragraph>{saveState.text}</Paragraph>
            </Alert>
          ) : null}
        </div>
      </section>
    </form>
  );
}

export function MappingsPage() {
  usePageTitle('Koppelingen');
  const { search } = useLocation();
  const editId = search.get('id');
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const sources = useAsync((signal) => dataApi.sources(signal), []);
  const mappings = useAsync((signal) => dataApi.mappings(null, signal), [reload]);
  const list = mappings.data?.mappings ?? [];
  const editing = editId ? list.find((m) => m.id === editId) ?? null : null;

  return (
    <>
      <Heading level={1}>Koppelingen</Heading>
      <Paragraph lead>
        Een koppeling vertelt Koers welke kolom in uw eigen bestand bij welk gegeven hoort. Zo kunt u een export uit uw eigen
        systeem inlezen zonder het bestand aan te passen.
      </Paragraph>
      <div role="status" aria-live="polite">
        {notice ? (
          <Alert type="ok">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {sources.status === 'error' || mappings.status === 'error' ? (
        <Alert type="error" live>
          <Paragraph>{errorMessage(sources.error ?? mappings.error)}</Paragraph>
        </Alert>
      ) : null}
      {!sources.data || !mappings.data ? (
        <p className="utrecht-paragraph koers-loading" role="status">
          Koppelingen laden…
        </p>
      ) : (
        <>
          <SavedMappings
            mappings={list}
            sources={sources.data.sources}
            currentId={editing?.id ?? null}
            onDeleted={(name) => {
              setNotice(`Koppeling "${name}" is verwijderd.`);
              if (editId) setSearchParams({ id: null });
              setReload((n) => n + 1);
            }}
          />
          {editId && !editing ? (
            <Alert type="warning">
              <Paragraph>Deze koppeling bestaat niet (meer). U kunt hieronder een nieuwe maken.</Paragraph>
            </Alert>
          ) : null}
          <section className="koers-section">
            <MappingEditor
              sources={sources.data.sources}
              editing={editing}
              onSaved={(saved) => {
                setNotice(null);
                setReload((n) => n + 1);
                if (saved.id !== editId) setSearchParams({ id: saved.id, bron: saved.source });
              }}
            />
          </section>
        </>
      )}
    </>
  );
}

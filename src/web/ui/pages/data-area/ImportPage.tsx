import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, isAbort } from '../../api.js';
import { dataApi, uploadFiles, type ImportSummary, type UploadProgress } from '../../data-api.js';
import { Alert, Button, FileDrop, FormField, Heading, Paragraph, ProgressBar, Select } from '../../components/index.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, setSearchParams, useLocation } from '../../router.js';
import { ImportResultsTable } from './ImportResultsTable.js';
import { summarySentence } from './labels.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; progress: UploadProgress }
  | { kind: 'done'; result: ImportSummary }
  | { kind: 'error'; message: string };

const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });

/** What the live region says: phase changes only, not every percent. */
function announcement(phase: Phase, fileCount: number): string {
  switch (phase.kind) {
    case 'busy':
      return phase.progress.phase === 'sending'
        ? `${fileCount === 1 ? 'Het bestand wordt' : 'De bestanden worden'} verstuurd.`
        : 'Verstuurd. Koers verwerkt de gegevens nu, dit kan even duren.';
    case 'done':
      return `Klaar. ${summarySentence(phase.result)}`;
    case 'error':
      return `Het inlezen is mislukt. ${phase.message}`;
    default:
      return '';
  }
}

export function ImportPage() {
  usePageTitle('Gegevens importeren');
  const { search } = useLocation();
  const source = search.get('bron') ?? 'auto';
  const mappingId = search.get('koppeling') ?? '';
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [missingFiles, setMissingFiles] = useState(false);
  const fileInput = useRef<HTMLDivElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const aborter = useRef<AbortController | null>(null);

  const sources = useAsync((signal) => dataApi.sources(signal), []);
  const tabular = sources.data?.sources ?? [];
  const chosen = tabular.find((s) => s.id === source) ?? null;
  const mappings = useAsync((signal) => (chosen ? dataApi.mappings(chosen.id, signal) : Promise.resolve({ mappings: [] })), [chosen?.id]);

  useEffect(() => () => aborter.current?.abort(), []);
  useEffect(() => {
    if (phase.kind === 'done') resultHeading.current?.focus();
  }, [phase.kind]);

  const busy = phase.kind === 'busy';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!files.length) {
      setMissingFiles(true);
      fileInput.current?.querySelector('input')?.focus();
      return;
    }
    setMissingFiles(false);
    const controller = new AbortController();
    aborter.current = controller;
    setPhase({ kind: 'busy', progress: { phase: 'sending', loaded: 0, total: files.reduce((sum, f) => sum + f.size, 0) } });
    try {
      const result = await uploadFiles(files, { source, mapping: mappingId || null }, (progress) => setPhase({ kind: 'busy', progress }), controller.signal);
      setPhase({ kind: 'done', result });
      setFiles([]);
    } catch (error) {
      if (isAbort(error)) setPhase({ kind: 'idle' });
      else setPhase({ kind: 'error', message: errorMessage(error) });
    } finally {
      aborter.current = null;
    }
  }

  const progress = phase.kind === 'busy' ? phase.progress : null;
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : 0;

  return (
    <>
      <Heading level={1}>Gegevens importeren</Heading>
      <Paragraph lead>
        Lees berichten en bestanden in. Koers controleert elk bestand, bewaart wat klopt en zet wat niet klopt in de{' '}
        <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
          quarantaine
        </Link>
        , met de reden erbij.
      </Paragraph>

      <form className="koers-form koers-upload" onSubmit={submit} noValidate aria-describedby="upload-help">
        <Paragraph id="upload-help" small>
          Bestanden van een andere gemeente worden geweigerd. U kunt maximaal 200 MB tegelijk inlezen.
        </Paragraph>
        <FormField
          htmlFor="upload-source"
          label="Soort gegevens"
          description="Koers herkent iWmo- en iJw-berichten (XML, ook in een zip) en de vaste bestanden voor wijken, bevolking, postcodes en contracten zelf. Kies een tabel als u een eigen Excel- of CSV-bestand inleest."
          descriptionId="upload-source-help"
        >
          <Select
            id="upload-source"
            value={source}
            disabled={busy}
            aria-describedby="upload-source-help"
            onChange={(event) => setSearchParams({ bron: event.currentTarget.value === 'auto' ? null : event.currentTarget.value, koppeling: null })}
          >
            <option value="auto">Automatisch herkennen (berichten, zip en vaste bestanden)</option>
            {tabular.length ? (
              <optgroup label="Eigen tabel (Excel of CSV) met koppeling">
                {tabular.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </Select>
        </FormField>
        {sources.status === 'error' ? (
          <Alert type="warning">
            <Paragraph>De lijst met tabellen kon niet worden geladen: {errorMessage(sources.error)}</Paragraph>
          </Alert>
        ) : null}

        {chosen ? (
          <>
            <Paragraph small className="koers-muted">
              {chosen.description}
            </Paragraph>
            <FormField
              htmlFor="upload-mapping"
              label="Koppeling"
              description={
                <>
                  Welke kolom in uw bestand bij welk gegeven hoort.{' '}
                  <Link to={`/data/koppelingen?bron=${encodeURIComponent(chosen.id)}`} className="utrecht-link utrecht-link--html-a">
                    Nieuwe koppeling maken
                  </Link>
                </>
              }
              descriptionId="upload-mapping-help"
            >
              <Select
                id="upload-mapping"
                value={mappingId}
                disabled={busy}
                aria-describedby="upload-mapping-help"
                onChange={(event) => setSearchParams({ koppeling: event.currentTarget.value || null })}
              >
                <option value="">Standaard: de kolomnamen zijn zoals Koers ze verwacht</option>
                {(mappings.data?.mappings ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </Select>
            </FormField>
          </>
        ) : null}

        <div ref={fileInput}>
          <FileDrop
            id="upload-files"
            label="Bestanden"
            description={chosen ? 'Excel (.xlsx) of CSV. U kunt meer bestanden tegelijk kiezen.' : 'XML-berichten, zip-bestanden, CSV of GeoJSON. U kunt meer bestanden tegelijk kiezen.'}
            multiple
            files={files}
            disabled={busy}
            onFiles={(chosenFiles) => {
              setFiles(chosenFiles);
              if (chosenFiles.length) setMissingFiles(false);
              if (phase.kind !== 'busy') setPhase({ kind: 'idle' });
            }}
            data-testid="upload-files"
          />
        </div>
        {missingFiles ? (
          <Alert type="error" live>
            <Paragraph>Kies eerst een of meer bestanden.</Paragraph>
          </Alert>
        ) : null}

        <div className="koers-form__actions">
          <Button type="submit" appearance="primary-action" busy={busy} disabled={busy}>
            {busy ? 'Bezig met inlezen…' : 'Inlezen'}
          </Button>
          {busy && progress?.phase === 'sending' ? (
            <Button appearance="secondary-action" onClick={() => aborter.current?.abort()}>
              Stoppen
            </Button>
          ) : null}
        </div>
      </form>

      {progress ? (
        <ProgressBar
          data-testid="upload-progress"
          label={progress.phase === 'sending' ? 'Versturen' : 'Verwerken'}
          value={progress.phase === 'sending' ? fraction : null}
          text={progress.phase === 'sending' ? percent.format(fraction) : 'verwerken…'}
        />
      ) : null}

      <p className="utrecht-paragraph koers-visually-hidden" role="status" aria-live="polite" data-testid="upload-status">
        {announcement(phase, files.length)}
      </p>

      {phase.kind === 'error' ? (
        <Alert type="error" title="Het inlezen is mislukt">
          <Paragraph>{phase.message}</Paragraph>
        </Alert>
      ) : null}

      {phase.kind === 'done' ? (
        <section className="koers-section" aria-labelledby="upload-result" data-testid="import-results">
          <Heading level={2} id="upload-result" ref={resultHeading} tabIndex={-1}>
            Resultaat
          </Heading>
          <Alert type={phase.result.rejected ? 'warning' : 'ok'}>
            <Paragraph data-testid="import-summary">{summarySentence(phase.result)}</Paragraph>
            <Paragraph>
              <Link to={`/data/geschiedenis/${phase.result.importId}`} className="utrecht-link utrecht-link--html-a">
                Bekijk deze import in de geschiedenis
              </Link>
              {phase.result.rejected ? (
                <>
                  {' '}
                  of ga naar de{' '}
                  <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
                    quarantaine
                  </Link>{' '}
                  om de fouten op te lossen.
                </>
              ) : null}
            </Paragraph>
          </Alert>
          <ImportResultsTable files={phase.result.files} caption="Resultaat per bestand" sources={tabular} data-testid="import-results-table" />
        </section>
      ) : null}
    </>
  );
}

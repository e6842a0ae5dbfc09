import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api.js';
import { dataApi, type QuarantineField, type QuarantineRecordDetail, type ReimportAnswer } from '../../data-api.js';
import { Alert, Button, DataList, DataListItem, FormField, Heading, Paragraph, Select, Textbox } from '../../components/index.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link } from '../../router.js';
import { QUARANTINE_STATUS } from './labels.js';

const TYPE_HINT: Partial<Record<QuarantineField['type'], string>> = {
  date: 'Datum als JJJJ-MM-DD, bijvoorbeeld 2024-03-01.',
  integer: 'Een heel getal.',
  decimal: 'Een getal, bijvoorbeeld 1234,56.',
  boolean: 'ja of nee.',
};

function fieldId(name: string): string {
  return `veld-${name.replace(/[^a-z0-9_-]/gi, '-')}`;
}

/** One field of the record: label, what the source expects, the reason it was refused (next to the field), the control. */
function RecordField({ field, value, problem, onChange }: { field: QuarantineField; value: string; problem: string | null; onChange: (v: string) => void }) {
  const id = fieldId(field.name);
  const hint = [field.description, TYPE_HINT[field.type]].filter(Boolean).join(' ');
  const describedBy = [problem ? `${id}-probleem` : null, hint ? `${id}-uitleg` : null].filter(Boolean).join(' ') || undefined;
  const codes = field.codes ? Object.entries(field.codes) : null;
  return (
    <FormField
      htmlFor={id}
      label={`${field.name}${field.required ? ' (verplicht)' : ''}`}
      description={hint || undefined}
      descriptionId={hint ? `${id}-uitleg` : undefined}
      invalid={problem !== null}
      className="koers-record-field"
    >
      {problem ? (
        <p className="utrecht-form-field-error-message koers-field-problem" id={`${id}-probleem`}>
          Reden: {problem}
        </p>
      ) : null}
      {codes ? (
        <Select id={id} value={value} aria-describedby={describedBy} aria-invalid={problem !== null || undefined} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">(leeg)</option>
          {value && !field.codes![value] ? <option value={value}>{value} (komt niet voor in de lijst)</option> : null}
          {codes.map(([code, label]) => (
            <option key={code} value={code}>
              {code} – {label}
            </option>
          ))}
        </Select>
      ) : (
        <Textbox
          id={id}
          value={value}
          invalid={problem !== null}
          aria-describedby={describedBy}
          inputMode={field.type === 'integer' ? 'numeric' : undefined}
          autoComplete="off"
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}

/**
 * A quarantined tabular record: its fields as read (never a BSN: quarantine keeps only a
 * pseudonym), the reason next to each refused field, and a form to correct and re-import it.
 */
export function QuarantineRecordPage({ id }: { id: string }) {
  usePageTitle('Regel verbeteren');
  const [reload, setReload] = useState(0);
  const state = useAsync((signal) => dataApi.quarantineRecord(id, signal), [id, reload]);
  const [record, setRecord] = useState<QuarantineRecordDetail | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [person, setPerson] = useState({ bsn: '', clientnummer: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ReimportAnswer | { outcome: 'error'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const d = state.data;
    if (!d) return;
    setRecord(d);
    setValues(Object.fromEntries(d.fields.map((f) => [f.name, f.value ?? ''])));
    setProblems(Object.fromEntries(d.fields.filter((f) => f.problem).map((f) => [f.name, f.problem!])));
  }, [state.data]);

  // Focus moves to the answer as soon as it is on screen (in the same commit, not a frame later),
  // so a screen reader user hears it and a keyboard user continues from there.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  if (state.status === 'error') {
    const gone = state.error instanceof ApiError && state.error.status === 404;
    return (
      <>
        <Heading level={1}>{gone ? 'Melding niet gevonden' : 'Regel verbeteren'}</Heading>
        <Alert type="error" live>
          <Paragraph>{gone ? 'Deze melding bestaat niet, of hoort niet bij uw gemeente.' : errorMessage(state.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
            Terug naar de quarantaine
          </Link>
        </Paragraph>
      </>
    );
  }
  if (!record) {
    return (
      <>
        <Heading level={1}>Regel verbeteren</Heading>
        <p className="utrecht-paragraph koers-loading" role="status">
          Melding laden…
        </p>
      </>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!record) return;
    setBusy(true);
    try {
      const changed = Object.fromEntries(record.fields.filter((f) => (values[f.name] ?? '') !== (f.value ?? '')).map((f) => [f.name, values[f.name] || null]));
      const answer = await dataApi.reimportQuarantined(record.id, {
        values: changed,
        ...(record.person === 'missing' ? { bsn: person.bsn.trim() || null, clientnummer: person.clientnummer.trim() || null } : {}),
      });
      setResult(answer);
      if (answer.outcome === 'rejected') {
        const next: Record<string, string> = {};
        for (const p of answer.problems) if (p.field) next[p.field] = next[p.field] ? `${next[p.field]}; ${p.reason}` : p.reason;
        setProblems(next);
      } else {
        setRecord(answer.record);
        setProblems({});
      }
      setPerson({ bsn: '', clientnummer: '' }); // a BSN is never kept in the page longer than needed
    } catch (error) {
      setResult({ outcome: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const otherProblems = result?.outcome === 'rejected' ? result.problems.filter((p) => !p.field || !record.fields.some((f) => f.name === p.field)).map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason)) : record.otherProblems;

  return (
    <>
      <p className="utrecht-paragraph koers-breadcrumb">
        <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
          Quarantaine
        </Link>
      </p>
      <Heading level={1}>Regel verbeteren</Heading>
      <Paragraph lead>
        Verbeter de velden waar een reden bij staat en lees de regel opnieuw in. Koers controleert de regel op dezelfde manier als
        een bestand.
      </Paragraph>
      <DataList data-testid="quarantine-facts">
        <DataListItem term="Bestand">{record.fileName}</DataListItem>
        <DataListItem term="Soort gegevens">{record.sourceLabel ?? record.source}</DataListItem>
        <DataListItem term="Plek">{record.location ?? '–'}</DataListItem>
        <DataListItem term="Reden">{record.reason}</DataListItem>
        <DataListItem term="Status">{QUARANTINE_STATUS[record.status]}</DataListItem>
      </DataList>

      <div ref={resultRef} tabIndex={-1} className="koers-focus-target" data-testid="reimport-result">
        {result?.outcome === 'imported' ? (
          <Alert type="ok" live title="De regel is ingelezen">
            <Paragraph>
              De melding staat nu op &quot;opgelost&quot;.{' '}
              <Link to={`/data/geschiedenis/${result.importId}`} className="utrecht-link utrecht-link--html-a">
                Bekijk de nieuwe import
              </Link>{' '}
              of ga{' '}
              <Link to="/data/quarantaine" className="utrecht-link utrecht-link--html-a">
                terug naar de quarantaine
              </Link>
              .
            </Paragraph>
          </Alert>
        ) : null}
        {result?.outcome === 'rejected' ? (
          <Alert type="error" live title="De regel is opnieuw geweigerd">
            <Paragraph>Er is niets opgeslagen; de melding blijft open. Reden: {result.reason}</Paragraph>
          </Alert>
        ) : null}
        {result?.outcome === 'error' ? (
          <Alert type="error" live>
            <Paragraph>{result.message}</Paragraph>
          </Alert>
        ) : null}
      </div>

      {!record.editable && result?.outcome !== 'imported' ? (
        <Alert type="info">
          <Paragraph>{record.notEditable}</Paragraph>
        </Alert>
      ) : null}

      {record.editable ? (
        <form className="koers-record-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="record-form-title">
          <Heading level={2} id="record-form-title">
            Velden van de regel
          </Heading>
          {otherProblems.length ? (
            <Alert type="warning">
              <Paragraph>{otherProblems.join(' ')}</Paragraph>
            </Alert>
          ) : null}
          {record.person === 'pseudonym' ? (
            <Paragraph>
              <strong>Persoon:</strong> blijft dezelfde. Koers bewaart geen BSN, alleen een pseudoniem; dat kan hier niet veranderen.
            </Paragraph>
          ) : null}
          {record.person === 'missing' ? (
            <fieldset className="utrecht-form-fieldset koers-person-fieldset">
              <legend className="utrecht-form-fieldset__legend">Persoon</legend>
              <Paragraph>
                Deze regel had geen geldig BSN of cliëntnummer. Vul er één in. Koers bewaart alleen een pseudoniem, niet het nummer zelf.
              </Paragraph>
              <FormField htmlFor="veld-bsn" label="BSN">
                <Textbox id="veld-bsn" value={person.bsn} inputMode="numeric" autoComplete="off" onChange={(e) => setPerson({ ...person, bsn: e.currentTarget.value })} />
              </FormField>
              <FormField htmlFor="veld-clientnummer" label="Of: cliëntnummer">
                <Textbox id="veld-clientnummer" value={person.clientnummer} autoComplete="off" onChange={(e) => setPerson({ ...person, clientnummer: e.currentTarget.value })} />
              </FormField>
            </fieldset>
          ) : null}
          {record.fields.map((f) => (
            <RecordField key={f.name} field={f} value={values[f.name] ?? ''} problem={problems[f.name] ?? null} onChange={(v) => setValues({ ...values, [f.name]: v })} />
          ))}
          <div className="koers-form-actions">
            <Button type="submit" appearance="primary-action" disabled={busy}>
              {busy ? 'Bezig met inlezen…' : 'Opnieuw inlezen'}
            </Button>{' '}
            <Button type="button" appearance="subtle" disabled={busy} onClick={() => { setResult(null); setReload((n) => n + 1); }}>
              Wijzigingen weggooien
            </Button>
          </div>
        </form>
      ) : null}
    </>
  );
}

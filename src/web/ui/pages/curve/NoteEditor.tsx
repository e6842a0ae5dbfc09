import { useRef, useState, type FormEvent } from 'react';
import { errorMessage, type PeriodType } from '../../api.js';
import { Alert, Button, FormField, Paragraph } from '../../components/index.js';
import { formatPeriod } from '../../format.js';
import { curveApi, type Note } from './curve-api.js';
import { Textarea } from './parts.js';

type Field = 'story' | 'helps' | 'hurts' | 'partners' | 'whatWorks' | 'actionPlan';
export const NOTE_FIELDS: { field: Field; label: string; help: string; max: number }[] = [
  { field: 'story', label: 'Het verhaal achter de curve', help: 'Waarom gaat het cijfer zo? Wat zien we achter de getallen?', max: 8000 },
  { field: 'helps', label: 'Wat helpt', help: 'Wat zorgt ervoor dat het beter gaat?', max: 4000 },
  { field: 'hurts', label: 'Wat werkt tegen', help: 'Wat maakt het moeilijker?', max: 4000 },
  { field: 'partners', label: 'Partners', help: 'Met wie werken we samen om de curve te keren?', max: 4000 },
  { field: 'whatWorks', label: 'Wat werkt', help: 'Welke aanpak werkt aantoonbaar, hier of elders?', max: 4000 },
  { field: 'actionPlan', label: 'Actieplan', help: 'Wat gaan we doen, en wie doet wat?', max: 8000 },
];

/** The note as text: every filled-in field with its label. */
export function NoteText({ note }: { note: Note }) {
  const filled = NOTE_FIELDS.filter((f) => note[f.field].trim() !== '');
  return (
    <dl className="koers-curve-note" data-testid="note-text">
      {filled.map((f) => (
        <div key={f.field}>
          <dt>{f.label}</dt>
          <dd>{note[f.field]}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The form to write or change the note for one indicator, period (and wijk). */
export function NoteEditor({ indicatorId, periodType, period, area, note, onSaved, onCancel }: {
  indicatorId: string; periodType: PeriodType; period: string; area: string | null; note: Note | null; onSaved: (note: Note) => void; onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Record<Field, string>>(() => Object.fromEntries(NOTE_FIELDS.map((f) => [f.field, note?.[f.field] ?? ''])) as Record<Field, string>);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (NOTE_FIELDS.every((f) => draft[f.field].trim() === '')) {
      setError('Vul minstens één veld in, bijvoorbeeld het verhaal achter de curve.');
      window.requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      const result = await curveApi.saveNote(indicatorId, { periodType, period, area, ...draft, expectedWrittenAt: note?.writtenAt ?? null });
      onSaved(result.note);
    } catch (e) {
      setError(errorMessage(e));
      window.requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby="note-form-title" data-testid="note-form">
      <h3 className="utrecht-heading-3" id="note-form-title">
        Notitie {note ? 'aanpassen' : 'schrijven'} voor {formatPeriod(period)}
      </h3>
      <Paragraph small>Alle velden zijn niet verplicht, maar vul er minstens één in. Elke wijziging wordt bewaard in de geschiedenis.</Paragraph>
      {error ? (
        <div ref={errorRef} tabIndex={-1}>
          <Alert type="error" live>
            <Paragraph>{error}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {NOTE_FIELDS.map((f) => (
        <FormField key={f.field} htmlFor={`note-${f.field}`} label={f.label} description={f.help} descriptionId={`note-${f.field}-help`}>
          <Textarea
            id={`note-${f.field}`}
            aria-describedby={`note-${f.field}-help`}
            value={draft[f.field]}
            maxLength={f.max}
            rows={f.field === 'story' || f.field === 'actionPlan' ? 5 : 3}
            onChange={(e) => setDraft((d) => ({ ...d, [f.field]: e.target.value }))}
          />
        </FormField>
      ))}
      <div className="utrecht-button-group koers-form__actions">
        <Button appearance="primary-action" type="submit" busy={busy} disabled={busy}>
          Notitie opslaan
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}

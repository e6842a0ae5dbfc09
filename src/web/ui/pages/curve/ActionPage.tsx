import { useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api.js';
import { Alert, Button, DataList, DataListItem, FormField, Heading, Paragraph, Select, Textbox } from '../../components/index.js';
import { formatDateTime } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, navigate, useLocation } from '../../router.js';
import { OverdueText } from './ActionsPage.js';
import { curveApi, formatDay, STATUS_LABELS, type Action, type ActionInput, type ActionStatus } from './curve-api.js';
import { HistoryList, Textarea } from './parts.js';

type LinkDraft = ActionInput['links'][number];
const linkKey = (l: LinkDraft) => (l.indicatorId !== undefined ? `i|${l.indicatorId}` : `g|${l.frameworkId}|${l.nodeId}`);

interface Draft { title: string; description: string; owner: string; status: ActionStatus; startDate: string; dueDate: string; doneOn: string; links: LinkDraft[] }
type Errors = Partial<Record<'title' | 'owner' | 'dueDate' | 'doneOn', string>>;

function toDraft(a: Action | null, indicator: string | null): Draft {
  if (!a) return { title: '', description: '', owner: '', status: 'gepland', startDate: '', dueDate: '', doneOn: '', links: indicator ? [{ indicatorId: indicator }] : [] };
  return {
    title: a.title, description: a.description, owner: a.owner, status: a.status, startDate: a.startDate ?? '', dueDate: a.dueDate ?? '', doneOn: a.doneOn ?? '',
    links: a.links.map((l) => (l.indicatorId ? { indicatorId: l.indicatorId } : { frameworkId: l.frameworkId!, nodeId: l.nodeId! })),
  };
}

function check(d: Draft): Errors {
  const e: Errors = {};
  if (!d.title.trim()) e.title = 'Geef de actie een titel.';
  if (!d.owner.trim()) e.owner = 'Vul een eigenaar in: wie is verantwoordelijk voor deze actie?';
  if (d.startDate && d.dueDate && d.dueDate < d.startDate) e.dueDate = 'De streefdatum ligt voor de startdatum. Kies een streefdatum op of na de startdatum.';
  if (d.doneOn && d.startDate && d.doneOn < d.startDate) e.doneOn = 'De datum klaar ligt voor de startdatum.';
  return e;
}

function ActionForm({ action, indicator, onSaved, onCancel }: { action: Action | null; indicator: string | null; onSaved: (a: Action) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(action, indicator));
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [goalChoice, setGoalChoice] = useState('');
  const [indicatorChoice, setIndicatorChoice] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const indicators = useAsync((signal) => api.indicators(signal), []);
  const goals = useAsync((signal) => curveApi.goals(signal), []);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const closed = draft.status === 'afgerond' || draft.status === 'gestopt';

  const linkLabel = (l: LinkDraft) => {
    if (l.indicatorId !== undefined) return `Cijfer: ${indicators.data?.indicators.find((i) => i.id === l.indicatorId)?.name ?? l.indicatorId}`;
    const g = goals.data?.goals.find((x) => x.frameworkId === l.frameworkId && x.nodeId === l.nodeId);
    return g ? `Doel: ${g.title} (${g.frameworkTitle})` : action?.links.find((x) => x.nodeId === l.nodeId)?.label ?? 'Doel';
  };
  const addLink = (l: LinkDraft) => setDraft((d) => (d.links.some((x) => linkKey(x) === linkKey(l)) ? d : { ...d, links: [...d.links, l] }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = check(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError('Verbeter de velden die rood gemarkeerd zijn.');
      window.requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const body: ActionInput = {
      title: draft.title.trim(), description: draft.description, owner: draft.owner.trim(), status: draft.status,
      startDate: draft.startDate || null, dueDate: draft.dueDate || null, doneOn: closed ? draft.doneOn || null : null, links: draft.links,
    };
    setBusy(true);
    try {
      const result = action ? await curveApi.updateAction(action.actionId, { ...body, expectedUpdatedAt: action.updatedAt }) : await curveApi.createAction(body);
      onSaved(result.action);
    } catch (e) {
      setError(errorMessage(e));
      window.requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (key: keyof Errors) => (errors[key] ? <p className="utrecht-form-field-error-message" id={`a-${key}-error`}>{errors[key]}</p> : null);
  return (
    <form onSubmit={save} noValidate data-testid="action-form" aria-label={action ? 'Actie aanpassen' : 'Nieuwe actie'}>
      {error ? (
        <div ref={summaryRef} tabIndex={-1}>
          <Alert type="error" live><Paragraph>{error}</Paragraph></Alert>
        </div>
      ) : null}
      <FormField htmlFor="a-title" label="Titel" invalid={Boolean(errors.title)}>
        {fieldError('title')}
        <Textbox id="a-title" value={draft.title} maxLength={300} required invalid={Boolean(errors.title)} aria-describedby={errors.title ? 'a-title-error' : undefined} onChange={(e) => set({ title: e.target.value })} />
      </FormField>
      <FormField htmlFor="a-owner" label="Eigenaar" description="Wie is verantwoordelijk? Een naam, team of afdeling." descriptionId="a-owner-help" invalid={Boolean(errors.owner)}>
        {fieldError('owner')}
        <Textbox id="a-owner" value={draft.owner} maxLength={200} required invalid={Boolean(errors.owner)} aria-describedby={['a-owner-help', errors.owner ? 'a-owner-error' : ''].filter(Boolean).join(' ')} onChange={(e) => set({ owner: e.target.value })} />
      </FormField>
      <FormField htmlFor="a-status" label="Status">
        <Select id="a-status" value={draft.status} onChange={(e) => set({ status: e.target.value as ActionStatus })}>
          {Object.entries(STATUS_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </Select>
      </FormField>
      <FormField htmlFor="a-start" label="Startdatum (niet verplicht)">
        <Textbox id="a-start" type="date" value={draft.startDate} onChange={(e) => set({ startDate: e.target.value })} />
      </FormField>
      <FormField htmlFor="a-due" label="Streefdatum (niet verplicht)" description="Wanneer moet de actie klaar zijn?" descriptionId="a-due-help" invalid={Boolean(errors.dueDate)}>
        {fieldError('dueDate')}
        <Textbox id="a-due" type="date" value={draft.dueDate} invalid={Boolean(errors.dueDate)} aria-describedby={['a-due-help', errors.dueDate ? 'a-dueDate-error' : ''].filter(Boolean).join(' ')} onChange={(e) => set({ dueDate: e.target.value })} />
      </FormField>
      {closed ? (
        <FormField htmlFor="a-done" label="Datum klaar" description="Leeg laten: vandaag." descriptionId="a-done-help" invalid={Boolean(errors.doneOn)}>
          {fieldError('doneOn')}
          <Textbox id="a-done" type="date" value={draft.doneOn} invalid={Boolean(errors.doneOn)} aria-describedby={['a-done-help', errors.doneOn ? 'a-doneOn-error' : ''].filter(Boolean).join(' ')} onChange={(e) => set({ doneOn: e.target.value })} />
        </FormField>
      ) : null}
      <FormField htmlFor="a-description" label="Beschrijving (niet verplicht)">
        <Textarea id="a-description" value={draft.description} maxLength={4000} rows={4} onChange={(e) => set({ description: e.target.value })} />
      </FormField>

      <fieldset className="koers-section">
        <legend className="utrecht-form-label">Gekoppeld aan</legend>
        {draft.links.length === 0 ? <Paragraph small>Nog aan niets gekoppeld.</Paragraph> : (
          <ul className="koers-curve-links" data-testid="action-links">
            {draft.links.map((l) => (
              <li key={linkKey(l)}>
                {linkLabel(l)}{' '}
                <Button appearance="subtle" onClick={() => setDraft((d) => ({ ...d, links: d.links.filter((x) => linkKey(x) !== linkKey(l)) }))}>
                  Ontkoppel<span className="koers-visually-hidden"> {linkLabel(l)}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="koers-curve-link-row">
          <FormField htmlFor="a-goal" label="Doel uit een beleidskader">
            <Select id="a-goal" value={goalChoice} onChange={(e) => setGoalChoice(e.target.value)}>
              <option value="">Kies een doel</option>
              {(goals.data?.goals ?? []).map((g) => <option key={`${g.frameworkId}|${g.nodeId}`} value={`${g.frameworkId}|${g.nodeId}`}>{g.title} ({g.frameworkTitle})</option>)}
            </Select>
          </FormField>
          <Button disabled={!goalChoice} onClick={() => { const [frameworkId, nodeId] = goalChoice.split('|'); addLink({ frameworkId: frameworkId!, nodeId: nodeId! }); setGoalChoice(''); }}>
            Koppel doel
          </Button>
        </div>
        {goals.data && goals.data.goals.length === 0 ? <Paragraph small>Er is nog geen beleidskader met doelen.</Paragraph> : null}
        <div className="koers-curve-link-row">
          <FormField htmlFor="a-indicator" label="Cijfer">
            <Select id="a-indicator" value={indicatorChoice} onChange={(e) => setIndicatorChoice(e.target.value)}>
              <option value="">Kies een cijfer</option>
              {(indicators.data?.indicators ?? []).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </Select>
          </FormField>
          <Button disabled={!indicatorChoice} onClick={() => { addLink({ indicatorId: indicatorChoice }); setIndicatorChoice(''); }}>
            Koppel cijfer
          </Button>
        </div>
      </fieldset>

      <div className="utrecht-button-group koers-form__actions">
        <Button appearance="primary-action" type="submit" busy={busy} disabled={busy}>{action ? 'Wijzigingen opslaan' : 'Actie opslaan'}</Button>
        <Button appearance="subtle" onClick={onCancel}>Annuleren</Button>
      </div>
    </form>
  );
}

function ActionDetails({ action }: { action: Action }) {
  return (
    <DataList>
      <DataListItem term="Eigenaar">{action.owner}</DataListItem>
      <DataListItem term="Status">{STATUS_LABELS[action.status]}{action.doneOn ? ` op ${formatDay(action.doneOn)}` : ''}</DataListItem>
      <DataListItem term="Startdatum">{action.startDate ? formatDay(action.startDate) : 'geen'}</DataListItem>
      <DataListItem term="Streefdatum">
        {action.dueDate ? formatDay(action.dueDate) : 'geen'} <OverdueText action={action} />
      </DataListItem>
      {action.description ? <DataListItem term="Beschrijving"><span className="koers-curve-pre">{action.description}</span></DataListItem> : null}
      <DataListItem term="Gekoppeld aan">
        {action.links.length === 0 ? 'niets' : <ul className="koers-curve-links">{action.links.map((l) => <li key={`${l.frameworkId}|${l.nodeId}|${l.indicatorId}`}>{l.label}</li>)}</ul>}
      </DataListItem>
      <DataListItem term="Laatst aangepast">{action.updatedBy}, <time dateTime={action.updatedAt}>{formatDateTime(action.updatedAt)}</time></DataListItem>
    </DataList>
  );
}

export function ActionPage({ id }: { id: string | null }) {
  const { search } = useLocation();
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState(id === null);
  const [notice, setNotice] = useState<string | null>(null);
  const loaded = useAsync((signal) => (id ? curveApi.action(id, signal) : Promise.resolve(null)), [id, reload]);
  const history = useAsync((signal) => (id ? curveApi.actionHistory(id, signal) : Promise.resolve(null)), [id, reload]);
  const action = loaded.data?.action ?? null;
  const title = id === null ? 'Nieuwe actie' : action ? action.title : loaded.status === 'error' ? 'Actie niet gevonden' : 'Actie';
  usePageTitle(title);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);

  const header = (
    <>
      <nav aria-label="Kruimelpad" className="koers-breadcrumb">
        <Link to="/sturen" className="utrecht-link utrecht-link--html-a">Sturen</Link>
        <span aria-hidden="true"> › </span>
        <Link to="/sturen/acties" className="utrecht-link utrecht-link--html-a">Acties</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{title}</span>
      </nav>
      <Heading level={1}>{title}</Heading>
    </>
  );

  if (id === null) {
    return (
      <div>
        {header}
        <ActionForm action={null} indicator={search.get('indicator')} onCancel={() => navigate('/sturen/acties')} onSaved={(a) => navigate(`/sturen/acties/${a.actionId}?opgeslagen=ja`)} />
      </div>
    );
  }
  if (loaded.status === 'error') {
    return (
      <div>
        {header}
        <Alert type="error" live><Paragraph>{errorMessage(loaded.error)}</Paragraph></Alert>
        <Paragraph><Link to="/sturen/acties" className="utrecht-link utrecht-link--html-a">Terug naar de acties</Link></Paragraph>
      </div>
    );
  }
  if (!action) return <div aria-busy="true">{header}<p className="utrecht-paragraph" role="status">Actie laden…</p></div>;
  const mayEdit = loaded.data?.mayEdit ?? false;
  const open = action.status === 'gepland' || action.status === 'bezig';
  const justSaved = search.get('opgeslagen') === 'ja';

  async function close() {
    setClosing(true);
    setCloseError(null);
    try {
      await curveApi.updateAction(action!.actionId, { status: 'afgerond', expectedUpdatedAt: action!.updatedAt });
      setNotice('De actie is afgerond.');
      setReload((x) => x + 1);
    } catch (e) {
      setCloseError(errorMessage(e));
    } finally {
      setClosing(false);
    }
  }

  return (
    <div>
      {header}
      {notice || justSaved ? <Alert type="ok" live><Paragraph>{notice ?? 'De actie is opgeslagen.'}</Paragraph></Alert> : null}
      {closeError ? <Alert type="error" live><Paragraph>{closeError}</Paragraph></Alert> : null}
      {editing ? (
        <ActionForm
          key={action.updatedAt}
          action={action}
          indicator={null}
          onCancel={() => setEditing(false)}
          onSaved={() => { setEditing(false); setNotice('De wijzigingen zijn opgeslagen.'); setReload((x) => x + 1); }}
        />
      ) : (
        <>
          <ActionDetails action={action} />
          {mayEdit ? (
            <div className="utrecht-button-group koers-form__actions">
              <Button appearance="primary-action" onClick={() => { setNotice(null); setEditing(true); }} data-testid="edit-action">Aanpassen</Button>
              {open ? <Button appearance="secondary-action" busy={closing} disabled={closing} onClick={() => void close()}>Afronden</Button> : null}
            </div>
          ) : null}
        </>
      )}
      <section className="koers-section" aria-labelledby="action-history-title">
        <Heading level={2} id="action-history-title">Geschiedenis</Heading>
        {history.status === 'error' ? <Alert type="error"><Paragraph>{errorMessage(history.error)}</Paragraph></Alert> : null}
        {history.data ? <HistoryList history={history.data.history} testId="action-history" /> : history.status === 'loading' ? <p className="utrecht-paragraph" role="status">Geschiedenis laden…</p> : null}
      </section>
    </div>
  );
}

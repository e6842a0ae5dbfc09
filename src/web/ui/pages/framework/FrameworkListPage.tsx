import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api.js';
import { Alert, Button, EmptyState, FormField, Heading, Paragraph, Select, Textbox } from '../../components/index.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, navigate } from '../../router.js';
import { frameworkApi, VERSION_STATUS_LABEL } from './framework-api.js';
import { inForceText } from './parts.js';

/** /sturen/beleidskader: the gemeente's beleidskaders, and (beleid, beheerder) starting a new one. */
export function FrameworkListPage() {
  usePageTitle('Beleidskader');
  const list = useAsync((signal) => frameworkApi.list(signal), []);
  const options = useAsync((signal) => frameworkApi.options(signal), []);
  const [templateId, setTemplateId] = useState('sociaal-domein');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await frameworkApi.create({ templateId: templateId || null, ...(title.trim() ? { title: title.trim() } : {}) });
      navigate(`/sturen/beleidskader/${created.frameworkId}/versie/${created.version}/bewerken`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  const frameworks = list.data?.frameworks ?? [];
  return (
    <>
      <Heading level={1}>Beleidskader</Heading>
      <Paragraph lead>
        Wat wil de gemeente bereiken in het sociaal domein, wat doet ze daarvoor en wat mag het kosten? En: hoe staan we ervoor?
      </Paragraph>
      {list.status === 'error' ? <Alert type="error">{errorMessage(list.error)}</Alert> : null}
      {list.status === 'loading' && !list.data ? <p className="utrecht-paragraph" role="status">Beleidskaders laden…</p> : null}
      {list.data && frameworks.length === 0 ? (
        <EmptyState title="Er is nog geen beleidskader">
          <Paragraph>
            {list.data.mayEdit
              ? 'Begin met het sjabloon hieronder: dat bevat de thema’s die de meeste gemeenten gebruiken, met voorgestelde indicatoren. U past het daarna aan.'
              : 'Zodra de gemeenteraad een beleidskader heeft vastgesteld, ziet u het hier.'}
          </Paragraph>
        </EmptyState>
      ) : null}
      {frameworks.length > 0 ? (
        <ul className="utrecht-unordered-list" aria-label="Beleidskaders">
          {frameworks.map((f) => {
            const current = f.versions.find((v) => v.status === 'vastgesteld') ?? f.versions[f.versions.length - 1]!;
            const concept = f.versions.find((v) => v.status === 'concept');
            return (
              <li key={f.frameworkId} className="utrecht-unordered-list__item">
                <Link to={`/sturen/beleidskader/${f.frameworkId}`}>{current.title}</Link>
                {' — '}versie {current.version}, {VERSION_STATUS_LABEL[current.status].toLowerCase()} ({inForceText(current)})
                {concept && concept.version !== current.version ? `; concept versie ${concept.version} in bewerking` : ''}
              </li>
            );
          })}
        </ul>
      ) : null}
      {list.data?.mayEdit ? (
        <section className="koers-fw-section" aria-labelledby="fw-new">
          <Heading level={2} id="fw-new">Nieuw beleidskader</Heading>
          <form onSubmit={create} noValidate>
            <FormField htmlFor="fw-template" label="Beginnen met">
              <Select id="fw-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                {(options.data?.templates ?? []).map((t) => <option key={t.id} value={t.id}>Sjabloon: {t.title}</option>)}
                <option value="">Een leeg beleidskader</option>
              </Select>
            </FormField>
            {templateId && options.data ? (
              <Paragraph small>{options.data.templates.find((t) => t.id === templateId)?.summary}</Paragraph>
            ) : null}
            <FormField htmlFor="fw-title" label="Titel" description={templateId ? 'Laat leeg om de titel van het sjabloon te gebruiken.' : 'Bijvoorbeeld: Koers sociaal domein 2025–2028.'} descriptionId="fw-title-help">
              <Textbox id="fw-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby="fw-title-help" maxLength={200} />
            </FormField>
            {error ? <Alert type="error" live>{error}</Alert> : null}
            <Button type="submit" appearance="primary-action" busy={busy} disabled={busy}>Beleidskader maken</Button>
          </form>
        </section>
      ) : null}
    </>
  );
}

import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage, type IndicatorTarget } from '../../api.js';
import { Alert, Button, FormField, Heading, Paragraph, Select, Textbox } from '../../components/index.js';
import { formatValue } from '../../format.js';
import { useAsync, usePageTitle } from '../../hooks.js';
import { Link, navigate } from '../../router.js';
import { CHILD_KINDS, frameworkApi, KIND_LABEL, MEASURE_LABEL, PARENT_KINDS, type FrameworkNode, type MeasureKind, type NodeKind, type Options, type VersionDetail } from './framework-api.js';
import './framework.css';

type Run = (what: () => Promise<unknown>, done: string) => Promise<boolean>;

/** A button that asks once more before doing something that cannot be undone. */
function ConfirmButton({ label, confirm, onConfirm }: { label: string; confirm: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <Button onClick={() => setAsking(true)}>{label}</Button>;
  return (
    <span role="group" aria-label={confirm}>
      <span>{confirm} </span>
      <Button appearance="primary-action" onClick={() => { setAsking(false); onConfirm(); }}>Ja, {label.toLowerCase()}</Button>{' '}
      <Button onClick={() => setAsking(false)}>Nee</Button>
    </span>
  );
}

function TextsForm({ detail, run }: { detail: VersionDetail; run: Run }) {
  const [title, setTitle] = useState(detail.title);
  const [vision, setVision] = useState(detail.vision);
  const [mission, setMission] = useState(detail.mission);
  const [principles, setPrinciples] = useState(detail.principles.join('\n'));
  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(() => frameworkApi.updateTexts(detail.frameworkId, detail.version, {
      title, vision, mission, principles: principles.split('\n').map((p) => p.trim()).filter(Boolean),
    }), 'Visie, missie en principes opgeslagen.');
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="fw-texts">
      <Heading level={2} id="fw-texts">Titel, visie en missie</Heading>
      <FormField htmlFor="fw-e-title" label="Titel"><Textbox id="fw-e-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required /></FormField>
      <FormField htmlFor="fw-e-vision" label="Visie"><textarea id="fw-e-vision" className="utrecht-textarea koers-fw-textarea" value={vision} onChange={(e) => setVision(e.target.value)} maxLength={4000} /></FormField>
      <FormField htmlFor="fw-e-mission" label="Missie"><textarea id="fw-e-mission" className="utrecht-textarea koers-fw-textarea" value={mission} onChange={(e) => setMission(e.target.value)} maxLength={4000} /></FormField>
      <FormField htmlFor="fw-e-principles" label="Leidende principes" description="Eén principe per regel." descriptionId="fw-e-principles-help">
        <textarea id="fw-e-principles" className="utrecht-textarea koers-fw-textarea" aria-describedby="fw-e-principles-help" value={principles} onChange={(e) => setPrinciples(e.target.value)} />
      </FormField>
      <Button type="submit" appearance="primary-action">Teksten opslaan</Button>
    </form>
  );
}

/** Targets per year for one indicator, through the monitor's targets API (indicator_target). */
function TargetEditor({ indicatorId, name, unit, run }: { indicatorId: string; name: string; unit: string; run: Run }) {
  const uid = useId();
  const [reload, setReload] = useState(0);
  const targets = useAsync((signal) => frameworkApi.targets(indicatorId, signal), [indicatorId, reload]);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [value, setValue] = useState('');
  const all = targets.data?.targets ?? [];
  const own = all.filter((t) => t.area === null && t.target !== null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const y = Number(year);
    const target = value.trim() === '' ? null : Number(value.replace(',', '.'));
    const rest = all.filter((t: IndicatorTarget) => !(t.year === y && t.area === null));
    const prev = all.find((t) => t.year === y && t.area === null);
    const next = [...rest.map((t) => ({ year: t.year, area: t.area, target: t.target, baseline: t.baseline, note: t.note })),
      ...(target !== null || prev?.baseline != null ? [{ year: y, area: null, target, baseline: prev?.baseline ?? null, note: prev?.note ?? null }] : [])];
    if (target !== null && !Number.isFinite(target)) { await run(() => Promise.reject(new Error('De streefwaarde moet een getal zijn, bijvoorbeeld 12,5.')), ''); return; }
    if (await run(() => frameworkApi.saveTargets(indicatorId, next), `Streefwaarde voor ${name} in ${y} opgeslagen.`)) { setValue(''); setReload((r) => r + 1); }
  }
  return (
    <div>
      <p className="utrecht-paragraph">
        Streefwaarden: {own.length === 0 ? 'nog geen.' : own.map((t) => `${t.year}: ${formatValue(t.target, unit)}`).join('; ')}
      </p>
      <form className="koers-fw-row" onSubmit={submit} noValidate aria-label={`Streefwaarde voor ${name}`}>
        <FormField htmlFor={`${uid}-y`} label="Jaar">
          <Textbox id={`${uid}-y`} type="number" inputMode="numeric" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} size={6} />
        </FormField>
        <FormField htmlFor={`${uid}-t`} label={`Streefwaarde (${unit})`}>
          <Textbox id={`${uid}-t`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} size={8} />
        </FormField>
        <Button type="submit">Streefwaarde opslaan</Button>
      </form>
    </div>
  );
}

function NodeEditor({ detail, node, options, run, siblings, index }: { detail: VersionDetail; node: FrameworkNode; options: Options; run: Run; siblings: number; index: number }) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(node.title);
  const [description, setDescription] = useState(node.description);
  const [indicatorId, setIndicatorId] = useState('');
  const [measure, setMeasure] = useState<MeasureKind>(node.kind === 'programma' ? 'how_well' : 'population');
  const [margin, setMargin] = useState('');
  const [taakveld, setTaakveld] = useState('');
  const [childKind, setChildKind] = useState<NodeKind | ''>(CHILD_KINDS[node.kind][0] ?? '');
  const [childTitle, setChildTitle] = useState('');
  useEffect(() => { setTitle(node.title); setDescription(node.description); }, [node.title, node.description]);
  const { frameworkId: id, version: v } = detail;
  const byId = new Map(options.indicators.map((i) => [i.id, i]));
  const indicatorsNow = node.indicators.map((i) => ({ indicatorId: i.indicatorId, measureKind: i.measureKind, attentionMargin: i.attentionMargin }));
  const children = detail.nodes.filter((n) => n.parentId === node.nodeId);
  // Where this node may move: a node of an allowed kind outside its own subtree, other than its parent now.
  const subtree = new Set([node.nodeId]);
  for (const n of detail.nodes) if (n.parentId && subtree.has(n.parentId)) subtree.add(n.nodeId);
  const targets = detail.nodes.filter((n) => PARENT_KINDS[node.kind].includes(n.kind) && !subtree.has(n.nodeId) && n.nodeId !== node.parentId);
  const [moveTo, setMoveTo] = useState('');

  return (
    <li>
      <details className="koers-fw-editor-node" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{KIND_LABEL[node.kind]}: {node.title}</summary>
        {open ? (
          <>
            <form onSubmit={(e) => { e.preventDefault(); void run(() => frameworkApi.updateNode(id, v, node.nodeId, { title, description }), `“${title}” opgeslagen.`); }} noValidate>
              <FormField htmlFor={`${uid}-title`} label="Naam"><Textbox id={`${uid}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} /></FormField>
              <FormField htmlFor={`${uid}-desc`} label="Toelichting"><textarea id={`${uid}-desc`} className="utrecht-textarea koers-fw-textarea" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} /></FormField>
              <div className="koers-fw-row">
                <Button type="submit">Naam en toelichting opslaan</Button>
                <Button disabled={index === 0} onClick={() => void run(() => frameworkApi.updateNode(id, v, node.nodeId, { position: index - 1 }), `“${node.title}” is omhoog gezet.`)}>Omhoog</Button>
                <Button disabled={index >= siblings - 1} onClick={() => void run(() => frameworkApi.updateNode(id, v, node.nodeId, { position: index + 1 }), `“${node.title}” is omlaag gezet.`)}>Omlaag</Button>
                <ConfirmButton label="Verwijderen" confirm={`“${node.title}” en alles eronder verwijderen?`} onConfirm={() => void run(() => frameworkApi.removeNode(id, v, node.nodeId), `“${node.title}” is verwijderd.`)} />
              </div>
            </form>

            {targets.length > 0 ? (
              <form className="koers-fw-row" noValidate onSubmit={(e) => {
                e.preventDefault();
                const to = detail.nodes.find((n) => n.nodeId === moveTo);
                if (!to) { void run(() => Promise.reject(new Error('Kies eerst waar het onderdeel heen moet.')), ''); return; }
                void run(() => frameworkApi.updateNode(id, v, node.nodeId, { parentId: to.nodeId }), `“${node.title}” staat nu onder “${to.title}”.`).then((ok) => { if (ok) setMoveTo(''); });
              }}>
                <FormField htmlFor={`${uid}-move`} label="Verplaatsen naar">
                  <Select id={`${uid}-move`} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
                    <option value="">Kies een onderdeel</option>
                    {targets.map((t) => <option key={t.nodeId} value={t.nodeId}>{KIND_LABEL[t.kind]}: {t.title}</option>)}
                  </Select>
                </FormField>
                <Button type="submit">Verplaatsen</Button>
              </form>
            ) : null}

            <fieldset>
              <legend>Indicatoren</legend>
              {node.indicators.length === 0 ? <Paragraph>Nog geen indicatoren gekoppeld.</Paragraph> : (
                <ul className="koers-fw-list">
                  {node.indicators.map((i) => {
                    const d = byId.get(i.indicatorId);
                    return (
                      <li key={i.indicatorId}>
                        <strong>{d?.name ?? i.indicatorId}</strong> — {MEASURE_LABEL[i.measureKind]}{i.attentionMargin !== null ? `, aandachtsmarge ${i.attentionMargin}` : ''}{' '}
                        <Button onClick={() => void run(() => frameworkApi.setIndicators(id, v, node.nodeId, indicatorsNow.filter((x) => x.indicatorId !== i.indicatorId)), `${d?.name ?? i.indicatorId} is ontkoppeld.`)} aria-label={`${d?.name ?? i.indicatorId} ontkoppelen`}>Ontkoppelen</Button>
                        {d ? <TargetEditor indicatorId={i.indicatorId} name={d.name} unit={d.unit} run={run} /> : null}
                      </li>
                    );
                  })}
                </ul>
              )}
              <form className="koers-fw-row" noValidate onSubmit={(e) => {
                e.preventDefault();
                const m = margin.trim() === '' ? null : Number(margin.replace(',', '.'));
                if (!indicatorId) { void run(() => Promise.reject(new Error('Kies eerst een indicator.')), ''); return; }
                void run(() => frameworkApi.setIndicators(id, v, node.nodeId, [...indicatorsNow, { indicatorId, measureKind: measure, attentionMargin: m }]), `${byId.get(indicatorId)?.name ?? indicatorId} is gekoppeld.`).then((ok) => { if (ok) { setIndicatorId(''); setMargin(''); } });
              }}>
                <FormField htmlFor={`${uid}-ind`} label="Indicator koppelen">
                  <Select id={`${uid}-ind`} value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)}>
                    <option value="">Kies een indicator</option>
                    {options.indicators.filter((i) => !node.indicators.some((x) => x.indicatorId === i.id)).map((i) => <option key={i.id} value={i.id}>{i.name}{i.own ? ' (eigen)' : ''}</option>)}
                  </Select>
                </FormField>
                <FormField htmlFor={`${uid}-mk`} label="Wat meet het?">
                  <Select id={`${uid}-mk`} value={measure} onChange={(e) => setMeasure(e.target.value as MeasureKind)}>
                    {(Object.keys(MEASURE_LABEL) as MeasureKind[]).map((k) => <option key={k} value={k}>{MEASURE_LABEL[k]}</option>)}
                  </Select>
                </FormField>
                <FormField htmlFor={`${uid}-mg`} label="Aandachtsmarge (leeg = 10 % van de streefwaarde)">
                  <Textbox id={`${uid}-mg`} inputMode="decimal" value={margin} onChange={(e) => setMargin(e.target.value)} size={8} />
                </FormField>
                <Button type="submit">Koppelen</Button>
              </form>
            </fieldset>

            <fieldset>
              <legend>Wat mag het kosten (taakvelden)</legend>
              {node.budget.length === 0 ? <Paragraph>Nog geen taakvelden gekoppeld.</Paragraph> : (
                <ul className="koers-fw-list">
                  {node.budget.map((t) => (
                    <li key={t}>Taakveld {t}{' '}<Button aria-label={`Taakveld ${t} ontkoppelen`} onClick={() => void run(() => frameworkApi.setBudget(id, v, node.nodeId, node.budget.filter((x) => x !== t)), `Taakveld ${t} is ontkoppeld.`)}>Ontkoppelen</Button></li>
                  ))}
                </ul>
              )}
              <form className="koers-fw-row" noValidate onSubmit={(e) => {
                e.preventDefault();
                if (!taakveld.trim()) { void run(() => Promise.reject(new Error('Kies of typ eerst een taakveld, bijvoorbeeld 6.1.')), ''); return; }
                void run(() => frameworkApi.setBudget(id, v, node.nodeId, [...node.budget, taakveld.trim()]), `Taakveld ${taakveld.trim()} is gekoppeld.`).then((ok) => { if (ok) setTaakveld(''); });
              }}>
                <FormField htmlFor={`${uid}-tv`} label="Taakveld koppelen" description={options.taakvelden.length ? `Met begrotingsregels: ${options.taakvelden.join(', ')}.` : 'Er zijn nog geen begrotingsregels ingelezen.'} descriptionId={`${uid}-tv-help`}>
                  <Textbox id={`${uid}-tv`} list={`${uid}-tv-list`} value={taakveld} onChange={(e) => setTaakveld(e.target.value)} aria-describedby={`${uid}-tv-help`} size={8} />
                </FormField>
                <datalist id={`${uid}-tv-list`}>{options.taakvelden.map((t) => <option key={t} value={t} />)}</datalist>
                <Button type="submit">Taakveld koppelen</Button>
              </form>
            </fieldset>

            {childKind ? (
              <form className="koers-fw-row" noValidate onSubmit={(e) => {
                e.preventDefault();
                void run(() => frameworkApi.addNode(id, v, { parentId: node.nodeId, kind: childKind, title: childTitle }), `“${childTitle}” is toegevoegd.`).then((ok) => { if (ok) setChildTitle(''); });
              }}>
                <FormField htmlFor={`${uid}-ck`} label="Soort">
                  <Select id={`${uid}-ck`} value={childKind} onChange={(e) => setChildKind(e.target.value as NodeKind)}>
                    {CHILD_KINDS[node.kind].map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
                  </Select>
                </FormField>
                <FormField htmlFor={`${uid}-ct`} label="Naam van het nieuwe onderdeel"><Textbox id={`${uid}-ct`} value={childTitle} onChange={(e) => setChildTitle(e.target.value)} maxLength={300} /></FormField>
                <Button type="submit">Toevoegen onder “{node.title}”</Button>
              </form>
            ) : null}
          </>
        ) : null}
      </details>
      {children.length > 0 ? <NodeList detail={detail} parentId={node.nodeId} options={options} run={run} /> : null}
    </li>
  );
}

function NodeList({ detail, parentId, options, run }: { detail: VersionDetail; parentId: string | null; options: Options; run: Run }) {
  const nodes = detail.nodes.filter((n) => n.parentId === parentId);
  return (
    <ul className={parentId ? undefined : 'koers-fw-tree'} aria-label={parentId ? undefined : 'Doelenboom bewerken'}>
      {nodes.map((n, i) => <NodeEditor key={n.nodeId} detail={detail} node={n} options={options} run={run} siblings={nodes.length} index={i} />)}
    </ul>
  );
}

function AdoptForm({ detail, run }: { detail: VersionDetail; run: Run }) {
  const [adoptedOn, setAdoptedOn] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const [inForceFrom, setInForceFrom] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!adoptedOn) { await run(() => Promise.reject(new Error('Vul de datum van het raadsbesluit in.')), ''); return; }
    const ok = await run(() => frameworkApi.adopt(detail.frameworkId, detail.version, { adoptedOn, decisionRef: decisionRef.trim() || null, inForceFrom: inForceFrom || null }), 'Vastgesteld.');
    if (ok) navigate(`/sturen/beleidskader/${detail.frameworkId}`);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="fw-adopt">
      <Heading level={2} id="fw-adopt">Vaststellen</Heading>
      <Paragraph>Heeft de gemeenteraad deze versie vastgesteld? Leg dat hier vast. Daarna kan deze versie niet meer veranderen; de vorige vastgestelde versie vervalt.</Paragraph>
      <div className="koers-fw-row">
        <FormField htmlFor="fw-adopted-on" label="Datum raadsbesluit"><Textbox id="fw-adopted-on" type="date" value={adoptedOn} onChange={(e) => setAdoptedOn(e.target.value)} required /></FormField>
        <FormField htmlFor="fw-decision" label="Kenmerk raadsbesluit (niet verplicht)"><Textbox id="fw-decision" value={decisionRef} onChange={(e) => setDecisionRef(e.target.value)} maxLength={200} /></FormField>
        <FormField htmlFor="fw-in-force" label="Geldt vanaf (leeg = datum raadsbesluit)"><Textbox id="fw-in-force" type="date" value={inForceFrom} onChange={(e) => setInForceFrom(e.target.value)} /></FormField>
      </div>
      <Button type="submit" appearance="primary-action">Versie {detail.version} vaststellen</Button>
    </form>
  );
}

/** /sturen/beleidskader/:id/versie/:v/bewerken — the concept editor (beleid, beheerder). */
export function FrameworkEditorPage({ id, version }: { id: string; version: number }) {
  const [reload, setReload] = useState(0);
  const detail = useAsync((signal) => frameworkApi.version(id, version, signal), [id, version, reload]);
  const options = useAsync((signal) => frameworkApi.options(signal), []);
  const [message, setMessage] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);
  const [themeTitle, setThemeTitle] = useState('');
  usePageTitle(detail.data ? `${detail.data.title} bewerken` : 'Beleidskader bewerken');

  const run: Run = async (what, done) => {
    setMessage(null);
    try {
      await what();
      setMessage({ type: 'ok', text: done });
      setReload((r) => r + 1);
      return true;
    } catch (e) {
      setMessage({ type: 'error', text: errorMessage(e) });
      return false;
    }
  };

  let body: ReactNode;
  const d = detail.data;
  if (detail.status === 'error') body = <Alert type="error">{errorMessage(detail.error)}</Alert>;
  else if (!d || !options.data) body = <p className="utrecht-paragraph" role="status">Concept laden…</p>;
  else if (!d.mayEdit) body = <Alert type="warning">Alleen beleidsadviseurs en beheerders kunnen een beleidskader bewerken.</Alert>;
  else if (d.status !== 'concept') {
    body = <Alert type="info">Versie {d.version} is {d.status} en kan niet meer veranderen. Maak op de pagina van het beleidskader een nieuwe versie.</Alert>;
  } else {
    body = (
      <>
        <TextsForm key={`${d.frameworkId}-${d.version}`} detail={d} run={run} />
        <section className="koers-fw-section" aria-labelledby="fw-tree">
          <Heading level={2} id="fw-tree">Doelen</Heading>
          <Paragraph>Open een onderdeel om de naam te wijzigen, indicatoren en streefwaarden vast te leggen, taakvelden te koppelen of er iets onder toe te voegen.</Paragraph>
          {d.nodes.length === 0 ? <Paragraph>Nog geen thema’s. Voeg hieronder het eerste thema toe.</Paragraph> : <NodeList detail={d} parentId={null} options={options.data} run={run} />}
          <form className="koers-fw-row" noValidate onSubmit={(e) => { e.preventDefault(); void run(() => frameworkApi.addNode(id, version, { parentId: null, kind: 'theme', title: themeTitle }), `Thema “${themeTitle}” is toegevoegd.`).then((ok) => { if (ok) setThemeTitle(''); }); }}>
            <FormField htmlFor="fw-new-theme" label="Nieuw thema"><Textbox id="fw-new-theme" value={themeTitle} onChange={(e) => setThemeTitle(e.target.value)} maxLength={300} /></FormField>
            <Button type="submit">Thema toevoegen</Button>
          </form>
        </section>
        <section className="koers-fw-section"><AdoptForm detail={d} run={run} /></section>
        <section className="koers-fw-section" aria-labelledby="fw-discard">
          <Heading level={2} id="fw-discard">Concept weggooien</Heading>
          <ConfirmButton label="Concept verwijderen" confirm={`Concept versie ${d.version} verwijderen?`} onConfirm={() => void run(() => frameworkApi.discard(id, version), 'Het concept is verwijderd.').then((ok) => { if (ok) navigate('/sturen/beleidskader'); })} />
        </section>
      </>
    );
  }

  return (
    <>
      <Paragraph><Link to={`/sturen/beleidskader/${id}`}>Terug naar het beleidskader</Link></Paragraph>
      <Heading level={1}>{d ? `${d.title}: versie ${d.version} bewerken` : 'Beleidskader bewerken'}</Heading>
      <div aria-live="polite" data-testid="fw-message">{message ? <Alert type={message.type}>{message.text}</Alert> : null}</div>
      {body}
    </>
  );
}

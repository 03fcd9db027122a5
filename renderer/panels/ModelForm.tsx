import { weekdays } from '../../models';
import { useStudio, useStudioStore } from '../state';
import { freshId, nodesOf, setAt, type DocPath } from '../state/documentOps';
import { DistributionEditor } from './DistributionEditor';
import { DurationField, ItemCard, JsonField, ListBlock, NumberField, RemoveButton, Section, SelectField, TextField, useFindingsUnder, useSetAt } from './fields';
import { CustomersSection, FinanceSection } from './CustomersEditor';
import { IdField } from './NodeForm';
import { SiteFulfilmentFields } from './StockEditor';

const systemKinds = ['erp', 'wms', 'tms', 'middleware', 'carrier-api', 'edi', 'crm', 'finance', 'other'] as const;

/**
 * Model-level settings: metadata, run settings, priority classes, sites (location, stock, per-site overrides),
 * customers and credit, finance, pools, calendars (shift windows), systems (concurrency, outages), SLAs and
 * variants (patches edited as JSON).
 */
export function ModelForm() {
  const doc = useStudio((s) => s.doc);
  const store = useStudioStore();
  const setAtPath = useSetAt();
  const add = (key: 'sites' | 'pools' | 'calendars' | 'systems' | 'slas' | 'variants', make: (id: string) => object, prefix: string) => {
    store.getState().updateDocument((d) => {
      const list = Array.isArray(d[key]) ? (d[key] as Array<{ id: string }>) : [];
      return setAt(d, [key], [...list, make(freshId(prefix, new Set(list.map((x) => x.id))))]);
    });
  };
  const remove = (key: string, index: number) => store.getState().updateDocument((d) => setAt(d, [key, index], undefined));
  const meta = doc.metadata ?? { name: '' };
  const run = doc.run ?? { horizon: { value: 7, unit: 'd' } };
  const sites = Array.isArray(doc.sites) ? doc.sites : [];
  const pools = Array.isArray(doc.pools) ? doc.pools : [];
  const calendars = Array.isArray(doc.calendars) ? doc.calendars : [];
  const systems = Array.isArray(doc.systems) ? doc.systems : [];
  const slas = Array.isArray(doc.slas) ? doc.slas : [];
  const variants = Array.isArray(doc.variants) ? doc.variants : [];
  const nodes = nodesOf(doc);
  const nodeOptions = nodes.map((n) => ({ value: n.id, label: n.name }));
  const problems = {
    sites: useFindingsUnder(['sites']),
    pools: useFindingsUnder(['pools']),
    calendars: useFindingsUnder(['calendars']),
    systems: useFindingsUnder(['systems']),
    slas: useFindingsUnder(['slas']),
    variants: useFindingsUnder(['variants']),
    run: useFindingsUnder(['run']),
  };
  const addButton = (label: string, onClick: () => void) => (
    <button
      type="button"
      className="btn-link"
      onClick={(e) => {
        // Inside the section's summary: do not toggle it, but open it so the new item shows.
        e.preventDefault();
        const details = e.currentTarget.closest('details');
        if (details) details.open = true;
        onClick();
      }}
    >
      + {label}
    </button>
  );
  return (
    <div className="form" data-testid="model-form">
      <Section title="Model">
        <TextField label="Name" path={['metadata', 'name']} value={meta.name} />
        <TextField label="Description" path={['metadata', 'description']} value={meta.description} optional multiline />
        <div className="field-row">
          <TextField label="Author" path={['metadata', 'author']} value={meta.author} optional />
          <TextField label="Currency (ISO)" path={['currency']} value={doc.currency ?? 'USD'} />
        </div>
        <TextField
          label="Assumptions (one per line)"
          path={['metadata', 'assumptions']}
          value={Array.isArray(meta.assumptions) ? meta.assumptions.join('\n') : ''}
          optional
          multiline
          onCommit={(v) => setAtPath(['metadata', 'assumptions'], (v ?? '').split('\n').filter((line) => line.trim() !== ''))}
        />
      </Section>
      <Section title="Run settings" problems={problems.run}>
        <DurationField label="Horizon" path={['run', 'horizon']} value={run.horizon} defaultUnit="d" />
        <DurationField label="Warm-up" path={['run', 'warmup']} value={run.warmup ?? { value: 0, unit: 'd' }} defaultUnit="d" />
        <div className="field-row">
          <NumberField label="Replications" path={['run', 'replications']} value={run.replications ?? 10} rules={{ min: 1, integer: true }} />
          <NumberField label="Seed" path={['run', 'seed']} value={run.seed ?? 1} rules={{ min: 0, integer: true }} />
        </div>
      </Section>
      <Section title="Priority classes" defaultOpen={false}>
        <TextField
          label="Most urgent first, comma separated"
          path={['priorityClasses']}
          value={Array.isArray(doc.priorityClasses) ? doc.priorityClasses.join(', ') : 'standard'}
          onCommit={(v) => setAtPath(['priorityClasses'], (v ?? '').split(',').map((x) => x.trim()).filter(Boolean))}
        />
      </Section>
      <Section title="Sites" count={sites.length} problems={problems.sites} defaultOpen={false} actions={addButton('site', () => add('sites', (id) => ({ id, name: `Site ${id}`, volumeShare: 1, overrides: [] }), 'site'))}>
        {sites.map((site, i) => (
          <ItemCard key={i} title={site.name || site.id} onRemove={sites.length > 1 ? () => remove('sites', i) : undefined} testId={`site-${site.id}`}>
            <div className="field-row">
              <TextField label="Name" path={['sites', i, 'name']} value={site.name} />
              <IdField path={['sites', i, 'id']} value={site.id} target="site" taken={(id) => sites.some((s) => s.id === id)} />
            </div>
            <NumberField label="Volume share" path={['sites', i, 'volumeShare']} value={site.volumeShare} rules={{ min: 0 }} hint="Relative; shares are normalised over all sites" />
            <SiteFulfilmentFields site={site} index={i} />
            <ListBlock
              title="Per-site overrides"
              items={site.overrides ?? []}
              onAdd={() => setAtPath(['sites', i, 'overrides'], [...(site.overrides ?? []), { target: 'node', id: nodes[0]?.id ?? 'node', set: {} }])}
              render={(o, j) => <OverrideCard key={j} base={['sites', i, 'overrides', j]} override={o} onRemove={() => setAtPath(['sites', i, 'overrides', j], undefined)} />}
            />
          </ItemCard>
        ))}
      </Section>
      <CustomersSection />
      <FinanceSection />
      <Section title="Pools (teams)" count={pools.length} problems={problems.pools} defaultOpen={false} actions={addButton('pool', () => add('pools', (id) => ({ id, name: `Team ${id}`, scope: 'site', capacity: 1, costPerHour: 0 }), 'pool'))}>
        {pools.length === 0 && <p className="empty-note">No pools yet. Activities need one: add a team here.</p>}
        {pools.map((pool, i) => (
          <ItemCard key={i} title={pool.name || pool.id} onRemove={() => remove('pools', i)} testId={`pool-${pool.id}`}>
            <div className="field-row">
              <TextField label="Name" path={['pools', i, 'name']} value={pool.name} />
              <IdField path={['pools', i, 'id']} value={pool.id} target="pool" taken={(id) => pools.some((p) => p.id === id)} />
            </div>
            <div className="field-row">
              <NumberField label="Capacity" path={['pools', i, 'capacity']} value={pool.capacity} rules={{ min: 0, integer: true }} suffix="people" />
              <NumberField label="Cost per hour" path={['pools', i, 'costPerHour']} value={pool.costPerHour ?? 0} rules={{ min: 0 }} suffix={doc.currency ?? 'USD'} />
            </div>
            <div className="field-row">
              <SelectField label="Scope" path={['pools', i, 'scope']} value={pool.scope ?? 'site'} options={[{ value: 'site', label: 'a team per site' }, { value: 'shared', label: 'shared' }]} />
              <SelectField label="Calendar" path={['pools', i, 'calendar']} value={pool.calendar} optional emptyLabel="24/7" options={calendars.map((c) => ({ value: c.id, label: c.name }))} />
            </div>
          </ItemCard>
        ))}
      </Section>
      <Section
        title="Calendars (shifts)"
        count={calendars.length}
        problems={problems.calendars}
        defaultOpen={false}
        actions={addButton('calendar', () => add('calendars', (id) => ({ id, name: 'Day shift Mon-Fri', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }] }), 'calendar'))}
      >
        {calendars.map((cal, i) => (
          <ItemCard key={i} title={cal.name || cal.id} onRemove={() => remove('calendars', i)}>
            <div className="field-row">
              <TextField label="Name" path={['calendars', i, 'name']} value={cal.name} />
              <IdField path={['calendars', i, 'id']} value={cal.id} target="calendar" taken={(id) => calendars.some((c) => c.id === id)} />
            </div>
            <ListBlock
              title="Shift windows"
              items={cal.windows ?? []}
              onAdd={() => setAtPath(['calendars', i, 'windows'], [...(cal.windows ?? []), { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:00' }])}
              render={(w, j) => (
                <div className="shift-window" key={j}>
                  <div className="weekdays" role="group" aria-label="Days">
                    {weekdays.map((d) => {
                      const on = (w.days ?? []).includes(d);
                      return (
                        <button
                          type="button"
                          key={d}
                          className={`day${on ? ' on' : ''}`}
                          aria-pressed={on}
                          onClick={() => setAtPath(['calendars', i, 'windows', j, 'days'], on ? w.days.filter((x) => x !== d) : weekdays.filter((x) => x === d || w.days.includes(x)))}
                        >
                          {d.slice(0, 2)}
                        </button>
                      );
                    })}
                  </div>
                  <div className="field-row list-row">
                    <TextField label="From" path={['calendars', i, 'windows', j, 'start']} value={w.start} placeholder="08:00" />
                    <TextField label="To" path={['calendars', i, 'windows', j, 'end']} value={w.end} placeholder="17:00" />
                    <RemoveButton onClick={() => setAtPath(['calendars', i, 'windows', j], undefined)} />
                  </div>
                </div>
              )}
            />
          </ItemCard>
        ))}
      </Section>
      <Section title="Systems" count={systems.length} problems={problems.systems} defaultOpen={false} actions={addButton('system', () => add('systems', (id) => ({ id, name: `System ${id}`, kind: 'other' }), 'system'))}>
        {systems.map((sys, i) => {
          const base: DocPath = ['systems', i];
          const outages = sys.outages ?? { scheduled: [], behaviour: 'hold' };
          return (
            <ItemCard key={i} title={sys.name || sys.id} onRemove={() => remove('systems', i)}>
              <div className="field-row">
                <TextField label="Name" path={[...base, 'name']} value={sys.name} />
                <IdField path={[...base, 'id']} value={sys.id} target="system" taken={(id) => systems.some((s) => s.id === id)} />
              </div>
              <div className="field-row">
                <SelectField label="Kind" path={[...base, 'kind']} value={sys.kind ?? 'other'} options={systemKinds} />
                <NumberField label="Concurrency (empty: unlimited)" path={[...base, 'concurrency']} value={sys.concurrency} optional rules={{ min: 1, integer: true }} />
                <NumberField label="Cost per call" path={[...base, 'costPerCall']} value={sys.costPerCall ?? 0} rules={{ min: 0 }} />
              </div>
              <SelectField label="During an outage, calls" path={[...base, 'outages', 'behaviour']} value={outages.behaviour ?? 'hold'} options={[{ value: 'hold', label: 'wait until it ends' }, { value: 'fail', label: 'fail at once' }]} />
              <ListBlock
                title="Scheduled outages"
                items={outages.scheduled ?? []}
                onAdd={() => setAtPath([...base, 'outages', 'scheduled'], [...(outages.scheduled ?? []), { start: { value: 6, unit: 'd' }, duration: { value: 2, unit: 'h' }, repeatEvery: { value: 7, unit: 'd' } }])}
                render={(o, j) => (
                  <ItemCard key={j} title={`Outage ${j + 1}`} onRemove={() => setAtPath([...base, 'outages', 'scheduled', j], undefined)}>
                    <DurationField label="Starts after" path={[...base, 'outages', 'scheduled', j, 'start']} value={o.start} />
                    <DurationField label="Lasts" path={[...base, 'outages', 'scheduled', j, 'duration']} value={o.duration} />
                    <DurationField label="Repeats every" path={[...base, 'outages', 'scheduled', j, 'repeatEvery']} value={o.repeatEvery} optional />
                  </ItemCard>
                )}
              />
              {outages.random ? (
                <ItemCard title="Random outages" onRemove={() => setAtPath([...base, 'outages', 'random'], undefined)}>
                  <DurationField label="Mean time between failures" path={[...base, 'outages', 'random', 'mtbf']} value={outages.random.mtbf} defaultUnit="d" />
                  <DistributionEditor label="Time to repair" path={[...base, 'outages', 'random', 'mttr']} value={outages.random.mttr} timed />
                </ItemCard>
              ) : (
                <button type="button" className="btn-link" onClick={() => setAtPath([...base, 'outages', 'random'], { mtbf: { value: 90, unit: 'd' }, mttr: { kind: 'lognormal', mean: 2, sd: 2, unit: 'h' } })}>
                  + random outages
                </button>
              )}
              <ListBlock
                title="Failure spikes"
                items={sys.failureSpikes ?? []}
                onAdd={() => setAtPath([...base, 'failureSpikes'], [...(sys.failureSpikes ?? []), { start: { value: 1, unit: 'd' }, duration: { value: 2, unit: 'h' }, extraFailureProbability: 0.1 }])}
                render={(f, j) => (
                  <ItemCard key={j} title={`Spike ${j + 1}`} onRemove={() => setAtPath([...base, 'failureSpikes', j], undefined)}>
                    <DurationField label="Starts after" path={[...base, 'failureSpikes', j, 'start']} value={f.start} />
                    <DurationField label="Lasts" path={[...base, 'failureSpikes', j, 'duration']} value={f.duration} />
                    <NumberField label="Extra failure rate" path={[...base, 'failureSpikes', j, 'extraFailureProbability']} value={f.extraFailureProbability} percent rules={{ min: 0, max: 1 }} />
                  </ItemCard>
                )}
              />
            </ItemCard>
          );
        })}
      </Section>
      <Section
        title="SLAs"
        count={slas.length}
        problems={problems.slas}
        defaultOpen={false}
        actions={addButton('SLA', () => add('slas', (id) => ({ id, name: 'Order to ship', from: 'arrival', to: nodes.find((n) => n.kind === 'end')?.id ?? 'end', target: { value: 24, unit: 'h' }, goal: 0.95 }), 'sla'))}
      >
        {slas.map((sla, i) => (
          <ItemCard key={i} title={sla.name || sla.id} onRemove={() => remove('slas', i)}>
            <TextField label="Name" path={['slas', i, 'name']} value={sla.name} />
            <div className="field-row">
              <SelectField label="Clock starts" path={['slas', i, 'from']} value={sla.from} options={[{ value: 'arrival', label: 'at arrival' }, ...nodeOptions.map((o) => ({ ...o, label: `leaving ${o.label}` }))]} />
              <SelectField label="Clock stops leaving" path={['slas', i, 'to']} value={sla.to} options={nodeOptions} />
            </div>
            <DurationField label="Target" path={['slas', i, 'target']} value={sla.target} defaultUnit="h" />
            <NumberField label="Goal (share meeting target)" path={['slas', i, 'goal']} value={sla.goal ?? 0.95} percent rules={{ min: 0, max: 1 }} />
          </ItemCard>
        ))}
      </Section>
      <Section
        title="Variants (scenarios)"
        count={variants.length}
        problems={problems.variants}
        defaultOpen={false}
        actions={addButton('variant', () => add('variants', (id) => ({ id, name: `Variant ${id}`, description: '', patches: [] }), 'variant'))}
      >
        {variants.length === 0 && <p className="empty-note">A variant changes a few things (more staff, a 15-minute sync) so the compare view can weigh it against this model.</p>}
        {variants.map((v, i) => (
          <ItemCard key={i} title={v.name || v.id} onRemove={() => remove('variants', i)} testId={`variant-${v.id}`}>
            <div className="field-row">
              <TextField label="Name" path={['variants', i, 'name']} value={v.name} />
              <TextField label="Id" path={['variants', i, 'id']} value={v.id} />
            </div>
            <TextField label="Description" path={['variants', i, 'description']} value={v.description} optional multiline />
            <JsonField
              label="Patches"
              path={['variants', i, 'patches']}
              value={v.patches}
              expect="array"
              hint={'e.g. [{ "target": "pool", "id": "clerks", "set": { "capacity": 3 } }]'}
            />
          </ItemCard>
        ))}
      </Section>
    </div>
  );
}

function OverrideCard({ base, override, onRemove }: { base: DocPath; override: { target: 'node' | 'pool' | 'system'; id: string; set: Record<string, unknown> }; onRemove: () => void }) {
  const doc = useStudio((s) => s.doc);
  const list = override.target === 'node' ? nodesOf(doc) : override.target === 'pool' ? (doc.pools ?? []) : (doc.systems ?? []);
  return (
    <ItemCard title={`Override ${override.target} ${override.id}`} onRemove={onRemove}>
      <div className="field-row">
        <SelectField label="Changes a" path={[...base, 'target']} value={override.target} options={['node', 'pool', 'system'] as const} />
        <SelectField label="Which" path={[...base, 'id']} value={override.id} options={list.map((x) => ({ value: x.id, label: x.name }))} />
      </div>
      <JsonField label="Set (merged into it)" path={[...base, 'set']} value={override.set} expect="object" hint={'e.g. { "duration": { "kind": "lognormal", "mean": 9, "sd": 5, "unit": "min" } }'} />
    </ItemCard>
  );
}

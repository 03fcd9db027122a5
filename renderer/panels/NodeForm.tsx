import { idSchema, outcomes, type NodeKind } from '../../models';
import { useStudio, useStudioStore } from '../state';
import { edgesOf, kindLabel, nodesOf, pathText, renameId, type DocNode, type DocPath } from '../state/documentOps';
import { DistributionEditor } from './DistributionEditor';
import { DurationField, FindingNote, ItemCard, ListBlock, NumberField, NumberListField, RemoveButton, Section, SelectField, TextField, useSetAt } from './fields';
import { EdgeFields } from './EdgeForm';
import { AllocateSections, AwaitPaymentSection, CreditCheckSection, MilestoneCostSection, PromiseSection, SourceLinesSection } from './FulfilmentFields';

/** An id field: renaming updates every reference (edges, SLAs, joins, overrides, variants). */
export function IdField({ path, value, target, taken }: { path: DocPath; value: string; target: 'node' | 'pool' | 'system' | 'calendar' | 'site'; taken: (id: string) => boolean }) {
  const store = useStudioStore();
  return (
    <TextField
      label="Id"
      path={path}
      value={value}
      hint="Referenced by other parts; renaming updates them."
      validate={(next) => {
        if (next === value) return undefined;
        const check = idSchema.safeParse(next);
        if (!check.success) return check.error.issues[0]?.message ?? 'Not a valid id.';
        return taken(next) ? `"${next}" is already used.` : undefined;
      }}
      onCommit={(next) => {
        if (next === undefined || next === value) return;
        // Typing a new id is one undo step, like any field.
        store.getState().updateDocument((doc) => renameId(doc, target, value, next), { coalesce: pathText(path) });
        if (target === 'node') store.getState().setSelection([next], []);
      }}
    />
  );
}

/** The inspector for one node: common fields, then the parameters of its kind, then its outgoing edges. */
export function NodeForm({ node, index }: { node: DocNode; index: number }) {
  const doc = useStudio((s) => s.doc);
  const base: DocPath = ['nodes', index];
  const nodeIds = nodesOf(doc).map((n) => n.id);
  const outgoing = edgesOf(doc)
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.from === node.id);
  return (
    <div className="form" data-testid="node-form">
      <div className="form-title">
        <span className={`kind-chip kind-${node.kind}`}>{kindLabel(node.kind as NodeKind)}</span>
        <span className="form-title-name">{node.name}</span>
      </div>
      <FindingNote path={base} />
      <TextField label="Name" path={[...base, 'name']} value={node.name} />
      <KindFields node={node} base={base} />
      <MilestoneCostSection node={node} base={base} />
      <Section title="Details" defaultOpen={false}>
        <IdField path={[...base, 'id']} value={node.id} target="node" taken={(id) => nodeIds.includes(id)} />
        <TextField label="Description" path={[...base, 'description']} value={node.description} optional multiline />
        {node.template && <div className="field-hint">Made from template “{node.template}”.</div>}
      </Section>
      {node.kind !== 'end' && (
        <Section title="Outgoing paths" count={outgoing.length}>
          {outgoing.length === 0 && <p className="empty-note">None yet: drag from a dot on this step to the next step.</p>}
          {outgoing.map(({ e, i }) => (
            <ItemCard key={e.id} title={`→ ${nodesOf(doc).find((n) => n.id === e.to)?.name ?? e.to}`}>
              <EdgeFields edge={e} index={i} compact />
            </ItemCard>
          ))}
        </Section>
      )}
    </div>
  );
}

function KindFields({ node, base }: { node: DocNode; base: DocPath }) {
  const doc = useStudio((s) => s.doc);
  const requestFocus = useStudio((s) => s.requestFocus);
  const setAtPath = useSetAt();
  const pools = Array.isArray(doc.pools) ? doc.pools : [];
  const systems = Array.isArray(doc.systems) ? doc.systems : [];
  const sites = Array.isArray(doc.sites) ? doc.sites : [];
  const classes = Array.isArray(doc.priorityClasses) ? doc.priorityClasses : ['standard'];
  switch (node.kind) {
    case 'source': {
      const a = node.arrivals ?? { ratePerHour: 0 };
      const ap: DocPath = [...base, 'arrivals'];
      return (
        <>
          <Section title="Arrivals">
            <div className="field-row">
              <NumberField label="Rate" path={[...ap, 'ratePerHour']} value={a.ratePerHour} rules={{ min: 0 }} suffix="orders/h" />
              <NumberField label="Volume multiplier (×)" path={[...ap, 'volumeMultiplier']} value={a.volumeMultiplier} optional rules={{ min: 0 }} />
            </div>
            <NumberListField label="Hour-of-day profile (24 multipliers, 00-01 first)" path={[...ap, 'hourOfDay']} value={a.hourOfDay} optional length={24} />
            <NumberListField label="Day-of-week profile (7 multipliers, Monday first)" path={[...ap, 'dayOfWeek']} value={a.dayOfWeek} optional length={7} />
            <ListBlock
              title="Surges (peak, promotion, shock)"
              items={a.surges ?? []}
              onAdd={() => setAtPath([...ap, 'surges'], [...(a.surges ?? []), { start: { value: 0, unit: 'd' }, duration: { value: 1, unit: 'd' }, multiplier: 1.5 }])}
              render={(s, i) => (
                <ItemCard key={i} title={`Surge ${i + 1}`} onRemove={() => setAtPath([...ap, 'surges', i], undefined)}>
                  <DurationField label="Start" path={[...ap, 'surges', i, 'start']} value={s.start} />
                  <DurationField label="Duration" path={[...ap, 'surges', i, 'duration']} value={s.duration} />
                  <NumberField label="Multiplier (×)" path={[...ap, 'surges', i, 'multiplier']} value={s.multiplier} rules={{ min: 0 }} />
                </ItemCard>
              )}
            />
          </Section>
          <SourceLinesSection node={node} base={base} />
          <PromiseSection node={node} base={base} />
          <Section title="Order mix (priority, attributes, sites)" defaultOpen={false}>
            <ListBlock
              title="Priority mix"
              items={node.priorityMix ?? []}
              onAdd={() => setAtPath([...base, 'priorityMix'], [...(node.priorityMix ?? []), { value: classes[0] ?? 'standard', share: 1 }])}
              render={(m, i) => (
                <div className="field-row list-row" key={i}>
                  <SelectField label="Class" path={[...base, 'priorityMix', i, 'value']} value={m.value} options={classes} />
                  <NumberField label="Share" path={[...base, 'priorityMix', i, 'share']} value={m.share} rules={{ min: 0 }} />
                  <RemoveButton onClick={() => setAtPath([...base, 'priorityMix', i], undefined)} />
                </div>
              )}
            />
            <FindingNote path={[...base, 'attributes']} />
            <ListBlock
              title="Attributes (channel, segment, …)"
              items={node.attributes ?? []}
              onAdd={() => setAtPath([...base, 'attributes'], [...(node.attributes ?? []), { attribute: 'channel', values: [{ value: 'edi', share: 1 }] }])}
              render={(attr, i) => (
                <ItemCard key={i} title={attr.attribute || `Attribute ${i + 1}`} onRemove={() => setAtPath([...base, 'attributes', i], undefined)}>
                  <TextField label="Attribute" path={[...base, 'attributes', i, 'attribute']} value={attr.attribute} />
                  {(attr.values ?? []).map((v, j) => (
                    <div className="field-row list-row" key={j}>
                      <TextField label="Value" path={[...base, 'attributes', i, 'values', j, 'value']} value={v.value} />
                      <NumberField label="Share" path={[...base, 'attributes', i, 'values', j, 'share']} value={v.share} rules={{ min: 0 }} />
                      <RemoveButton onClick={() => setAtPath([...base, 'attributes', i, 'values', j], undefined)} />
                    </div>
                  ))}
                  <button type="button" className="btn-link" onClick={() => setAtPath([...base, 'attributes', i, 'values'], [...(attr.values ?? []), { value: `value${(attr.values ?? []).length + 1}`, share: 1 }])}>
                    + value
                  </button>
                </ItemCard>
              )}
            />
            <ListBlock
              title="Site shares (empty: the sites' volume shares)"
              items={node.siteShares ?? []}
              onAdd={() => setAtPath([...base, 'siteShares'], [...(node.siteShares ?? []), { site: sites[0]?.id ?? 'main', share: 1 }])}
              render={(s, i) => (
                <div className="field-row list-row" key={i}>
                  <SelectField label="Site" path={[...base, 'siteShares', i, 'site']} value={s.site} options={sites.map((x) => ({ value: x.id, label: x.name }))} />
                  <NumberField label="Share" path={[...base, 'siteShares', i, 'share']} value={s.share} rules={{ min: 0 }} />
                  <RemoveButton onClick={() => setAtPath([...base, 'siteShares'], (node.siteShares ?? []).length === 1 ? undefined : (node.siteShares ?? []).filter((_, k) => k !== i))} />
                </div>
              )}
            />
          </Section>
        </>
      );
    }
    case 'activity':
      return (
        <>
          <Section title="Work">
            <div className="field-row">
              <SelectField label="Pool" path={[...base, 'pool']} value={node.pool} options={pools.map((p) => ({ value: p.id, label: `${p.name} (${p.capacity})` }))} />
              <NumberField label="Quantity" path={[...base, 'quantity']} value={node.quantity ?? 1} rules={{ min: 1, integer: true }} hint="Units held per order" />
            </div>
            {pools.some((p) => p.id === node.pool) && (
              <button type="button" className="btn-link" onClick={() => requestFocus({ path: `pools[${pools.findIndex((p) => p.id === node.pool)}].capacity` })} data-testid="edit-pool">
                Edit this team (capacity, shifts, cost) →
              </button>
            )}
            <DistributionEditor label="Duration" path={[...base, 'duration']} value={node.duration} timed />
            <SelectField label="Duration per" path={[...base, 'durationPer']} value={node.durationPer ?? 'order'} options={[{ value: 'order', label: 'order' }, { value: 'line', label: 'order line (one draw per line)' }]} />
            <NumberField label="Failure rate" path={[...base, 'failureProbability']} value={node.failureProbability ?? 0} percent rules={{ min: 0, max: 1 }} hint="Share of visits that take the error path" />
          </Section>
          <Section title="Queue" defaultOpen={false}>
            <SelectField label="Discipline" path={[...base, 'queue', 'discipline']} value={node.queue?.discipline ?? 'fifo'} options={[{ value: 'fifo', label: 'first in, first out' }, { value: 'priority', label: 'by priority class' }]} />
            <NumberField label="Capacity (empty: unlimited)" path={[...base, 'queue', 'capacity']} value={node.queue?.capacity} optional rules={{ min: 0, integer: true }} hint="Orders beyond it take the overflow path" />
          </Section>
        </>
      );
    case 'integration':
      return (
        <>
          <Section title="Call">
            <SelectField label="System" path={[...base, 'system']} value={node.system} options={systems.map((p) => ({ value: p.id, label: p.name }))} />
            {systems.some((p) => p.id === node.system) && (
              <button type="button" className="btn-link" onClick={() => requestFocus({ path: `systems[${systems.findIndex((p) => p.id === node.system)}].concurrency` })}>
                Edit this system (concurrency, outages) →
              </button>
            )}
            <DistributionEditor label="Latency" path={[...base, 'latency']} value={node.latency} timed />
            <NumberField label="Failure rate per attempt" path={[...base, 'failureProbability']} value={node.failureProbability ?? 0} percent rules={{ min: 0, max: 1 }} />
            <DurationField label="Timeout" path={[...base, 'timeout']} value={node.timeout} optional defaultUnit="s" />
          </Section>
          <Section title="Retry" defaultOpen={false}>
            <div className="field-row">
              <NumberField label="Attempts in all" path={[...base, 'retry', 'maxAttempts']} value={node.retry?.maxAttempts ?? 1} rules={{ min: 1, max: 100, integer: true }} />
              <NumberField label="Backoff multiplier" path={[...base, 'retry', 'multiplier']} value={node.retry?.multiplier ?? 2} rules={{ min: 1, max: 100 }} />
            </div>
            <DurationField label="First backoff" path={[...base, 'retry', 'initialBackoff']} value={node.retry?.initialBackoff ?? { value: 1, unit: 's' }} />
            <DurationField label="Longest backoff" path={[...base, 'retry', 'maxBackoff']} value={node.retry?.maxBackoff ?? { value: 5, unit: 'min' }} />
            <NumberField label="Jitter" path={[...base, 'retry', 'jitter']} value={node.retry?.jitter ?? 0} rules={{ min: 0, max: 1 }} />
          </Section>
          <Section title="Mode">
            <SelectField
              label="Mode"
              path={[...base, 'mode']}
              value={node.mode ?? 'realtime'}
              options={[{ value: 'realtime', label: 'real time' }, { value: 'batch', label: 'scheduled batch' }]}
              onCommit={(m) => {
                setAtPath([...base, 'mode'], m);
                if (m === 'batch' && !node.batch) setAtPath([...base, 'batch'], { interval: { value: 15, unit: 'min' } });
              }}
            />
            {node.mode === 'batch' && (
              <>
                <DurationField label="Batch interval" path={[...base, 'batch', 'interval']} value={node.batch?.interval} />
                <DurationField label="First run after" path={[...base, 'batch', 'offset']} value={node.batch?.offset} optional />
                <DurationField label="Cut-off before a run" path={[...base, 'batch', 'cutoff']} value={node.batch?.cutoff} optional />
              </>
            )}
          </Section>
        </>
      );
    case 'decision':
      return (
        <Section title="Decision">
          <SelectField label="Route by" path={[...base, 'mode']} value={node.mode ?? 'probability'} options={[{ value: 'probability', label: 'probability of each branch' }, { value: 'condition', label: 'first branch whose condition holds' }]} />
          <BranchSum nodeId={node.id} mode={node.mode ?? 'probability'} />
        </Section>
      );
    case 'join': {
      const splits = nodesOf(doc).filter((n) => n.kind === 'split');
      return (
        <Section title="Join">
          <SelectField label="Waits for split" path={[...base, 'split']} value={node.split} options={splits.map((s) => ({ value: s.id, label: s.name }))} />
        </Section>
      );
    }
    case 'delay':
      return (
        <Section title="Delay">
          <DistributionEditor label="Duration" path={[...base, 'duration']} value={node.duration} timed />
        </Section>
      );
    case 'batch':
      return (
        <Section title="Release">
          <DurationField label="Every" path={[...base, 'every']} value={node.every} optional />
          <DurationField label="First release after" path={[...base, 'offset']} value={node.offset} optional />
          <NumberField label="Or when this many wait" path={[...base, 'atCount']} value={node.atCount} optional rules={{ min: 1, integer: true }} />
        </Section>
      );
    case 'allocate':
      return <AllocateSections node={node} base={base} />;
    case 'creditCheck':
      return <CreditCheckSection node={node} base={base} />;
    case 'awaitPayment':
      return <AwaitPaymentSection node={node} base={base} />;
    case 'end':
      return (
        <Section title="End">
          <SelectField label="Outcome" path={[...base, 'outcome']} value={node.outcome ?? 'fulfilled'} options={outcomes} />
        </Section>
      );
    default:
      return null;
  }
}

function BranchSum({ nodeId, mode }: { nodeId: string; mode: string }) {
  const sum = useStudio((s) => edgesOf(s.doc).reduce((acc, e) => (e.from === nodeId && e.kind === 'branch' && typeof e.probability === 'number' ? acc + e.probability : acc), 0));
  if (mode !== 'probability') return <p className="field-hint">Give each branch a condition below; mark one “otherwise”.</p>;
  const ok = Math.abs(sum - 1) < 1e-6;
  return <p className={ok ? 'field-hint' : 'field-error'}>Branch probabilities add up to {Math.round(sum * 1e4) / 100}%{ok ? '.' : ' (must be 100%).'}</p>;
}

import { weekdays, type Weekday } from '../../models';
import { meanText } from '../canvas/nodeSummary';
import { useStudio, useStudioStore } from '../state';
import { edgesOf, nodesOf, pathText, setAt, type DocNode, type DocPath } from '../state/documentOps';
import { DistributionEditor } from './DistributionEditor';
import { CheckboxField, CheckboxGroup, DurationField, FindingNote, ListBlock, Note, NumberField, RemoveButton, Section, SelectField, TextField, useFindingsUnder, useSetAt } from './fields';
import {
  clockTimeProblem,
  moneyText,
  dayName,
  defaultSourcing,
  fulfilInfo,
  milestoneInfo,
  moveItem,
  policyInfo,
  promiseText,
  sharePercents,
  sourcingRuleInfo,
  stockModelInfo,
  type AllocationPolicy,
  type Milestone,
  type SourcingFulfil,
  type SourcingRule,
} from './fulfilment';

/**
 * Inspector sections for the fulfilment parts of a node (format v2, /docs/model-format.md): a source's order
 * lines, value, product mix and promise; allocation, credit check and payment steps; and, for every step, its
 * milestone, costs and exception flag. Every field carries its document path.
 */

type SourceNode = Extract<DocNode, { kind: 'source' }>;
type AllocateNode = Extract<DocNode, { kind: 'allocate' }>;
type CreditCheckNode = Extract<DocNode, { kind: 'creditCheck' }>;
type AwaitPaymentNode = Extract<DocNode, { kind: 'awaitPayment' }>;

function useCurrency(): string {
  return useStudio((s) => (typeof s.doc.currency === 'string' ? s.doc.currency : 'USD'));
}

/** Focuses a model-level field (switches to the Model tab). */
function useOpenModelField(): (path: string) => void {
  const store = useStudioStore();
  return (path: string) => store.getState().requestFocus({ path });
}

/** A source's order lines: lines per order, units per line, value, product mix. */
export function SourceLinesSection({ node, base }: { node: SourceNode; base: DocPath }) {
  const setAtPath = useSetAt();
  const currency = useCurrency();
  const per = node.value?.per ?? 'order';
  const mix = Array.isArray(node.productMix) ? node.productMix : [];
  const percents = sharePercents(mix.map((m) => m.share));
  return (
    <Section title="Order lines and value" testId="source-lines">
      <DistributionEditor label="Lines per order" path={[...base, 'lines']} value={node.lines ?? { kind: 'constant', value: 1 }} timed={false} unitLabel="lines" compact hint="Rounded to a whole number, at least 1." />
      <DistributionEditor label="Units per line" path={[...base, 'lineQuantity']} value={node.lineQuantity ?? { kind: 'constant', value: 1 }} timed={false} unitLabel="units" compact hint="What one line takes from stock (rounded, at least 1)." />
      <SelectField
        label="Value is drawn"
        path={[...base, 'value', 'per']}
        value={per}
        options={[
          { value: 'order', label: 'per order (its lines share it equally)' },
          { value: 'line', label: 'per line (order value = sum of its lines)' },
        ]}
        onCommit={(v) => setAtPath([...base, 'value'], { per: v ?? 'order', distribution: node.value?.distribution ?? { kind: 'constant', value: 0 } })}
      />
      <DistributionEditor
        label={per === 'line' ? 'Value per line' : 'Value per order'}
        path={[...base, 'value', 'distribution']}
        value={node.value?.distribution ?? { kind: 'constant', value: 0 }}
        timed={false}
        unitLabel={currency}
        compact
        hint="Drives credit exposure, working capital and cost per order value."
      />
      <FindingNote path={[...base, 'productMix']} />
      <ListBlock
        title="Product mix (share of lines per class)"
        addLabel="product class"
        testId="product-mix"
        hint={mix.length === 0 ? 'Empty: every line is of one class, "default". Classes let sites stock them differently.' : 'Shares are relative; each line draws its class.'}
        items={mix}
        onAdd={() => {
          const taken = new Set(mix.map((m) => m.value));
          const name = ['A', 'B', 'C', 'D', 'E', 'F'].find((c) => !taken.has(c)) ?? `class${mix.length + 1}`;
          setAtPath([...base, 'productMix'], [...mix, { value: name, share: mix.length === 0 ? 1 : 0.5 }]);
        }}
        render={(m, i) => (
          <div className="field-row list-row" key={i}>
            <TextField label="Class" path={[...base, 'productMix', i, 'value']} value={m.value} />
            <NumberField label="Share" path={[...base, 'productMix', i, 'share']} value={m.share} rules={{ min: 0 }} hint={percents[i] !== undefined ? `= ${percents[i]}% of lines` : undefined} />
            <RemoveButton label={`Remove class ${m.value}`} onClick={() => setAtPath([...base, 'productMix', i], undefined)} />
          </div>
        )}
      />
    </Section>
  );
}

/** A source's promise rule: cut-off, lead days, workdays, ship-by and an optional requested lead time. */
export function PromiseSection({ node, base }: { node: SourceNode; base: DocPath }) {
  const setAtPath = useSetAt();
  const promise = node.promise;
  const pp: DocPath = [...base, 'promise'];
  return (
    <Section title="Promise (ship-by date)" defaultOpen={promise !== undefined} testId="promise">
      <CheckboxField
        label="Promise a ship date (measures on-time shipping)"
        path={pp}
        value={promise !== undefined}
        onCommit={(on) => setAtPath(pp, on ? { cutoff: '15:00', leadDays: 0, workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], shipBy: '24:00' } : undefined)}
      />
      <FindingNote path={pp} />
      {promise && (
        <>
          <div className="field-row">
            <TextField label="Order cut-off" path={[...pp, 'cutoff']} value={promise.cutoff ?? '15:00'} placeholder="15:00" validate={clockTimeProblem} hint="24-hour HH:MM" />
            <NumberField label="Lead time" path={[...pp, 'leadDays']} value={promise.leadDays ?? 0} rules={{ min: 0, max: 365, integer: true }} suffix="workdays" />
            <TextField label="Ship by" path={[...pp, 'shipBy']} value={promise.shipBy ?? '24:00'} placeholder="24:00" validate={clockTimeProblem} hint="24:00 = end of day" />
          </div>
          <CheckboxGroup<Weekday>
            label="Workdays (shipping days)"
            path={[...pp, 'workdays']}
            options={weekdays.map((d) => ({ value: d, label: dayName(d) }))}
            checked={(promise.workdays ?? ['mon', 'tue', 'wed', 'thu', 'fri']) as Weekday[]}
            onChange={(days) => setAtPath([...pp, 'workdays'], days)}
            atLeastOne
          />
          <CheckboxField
            label="The customer asks for a later date (requested lead time)"
            path={[...pp, 'requestedLeadTime']}
            value={promise.requestedLeadTime !== undefined}
            onCommit={(on) => setAtPath([...pp, 'requestedLeadTime'], on ? { kind: 'constant', value: 3, unit: 'd' } : undefined)}
          />
          {promise.requestedLeadTime && (
            <DistributionEditor label="Requested lead time (after ordering)" path={[...pp, 'requestedLeadTime']} value={promise.requestedLeadTime} timed compact hint="The promise is the later of the rule's date and this." />
          )}
          <Note testId="promise-text">{promiseText(promise)}</Note>
        </>
      )}
    </Section>
  );
}

/** An allocation step: the policy with what it means, the backorder limit and sourcing from other sites. */
export function AllocateSections({ node, base }: { node: AllocateNode; base: DocPath }) {
  const doc = useStudio((s) => s.doc);
  const store = useStudioStore();
  const setAtPath = useSetAt();
  const openModel = useOpenModelField();
  const currency = useCurrency();
  const policy: AllocationPolicy = node.policy ?? 'shipComplete';
  const sites = Array.isArray(doc.sites) ? doc.sites : [];
  const hasErrorEdge = edgesOf(doc).some((e) => e.from === node.id && e.kind === 'error');
  const sourcing = node.sourcing;
  const sp: DocPath = [...base, 'sourcing'];
  const rule: SourcingRule = sourcing?.rule ?? 'nearest';
  const fulfil: SourcingFulfil = sourcing?.fulfil ?? 'transfer';
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;
  const candidates = sourcing?.sites;
  const stocked = sites.map((s, i) => ({ site: s, index: i })).filter(({ site }) => site.stock !== undefined);
  const unlocated = sites.filter((s) => !s.location);
  return (
    <>
      <Section title="Allocation" testId="allocation">
        <SelectField<AllocationPolicy>
          label="When lines are short"
          path={[...base, 'policy']}
          value={policy}
          options={(Object.keys(policyInfo) as AllocationPolicy[]).map((p) => ({ value: p, label: policyInfo[p].label }))}
          hint={policyInfo[policy].explain}
          onCommit={(p) =>
            // One undo step. Sourcing is read only by "source elsewhere": written when chosen, dropped when left.
            store.getState().updateDocument((d) => {
              const withPolicy = setAt(d, [...base, 'policy'], p ?? 'shipComplete');
              if (p === 'sourceElsewhere') return sourcing ? withPolicy : setAt(withPolicy, sp, defaultSourcing());
              return sourcing ? setAt(withPolicy, sp, undefined) : withPolicy;
            })
          }
        />
        <DurationField
          label="Cancel lines short for longer than"
          path={[...base, 'maxBackorderWait']}
          value={node.maxBackorderWait}
          optional
          defaultUnit="d"
          hint="Empty: short lines wait as long as it takes. A shipment left with no line takes the error path."
        />
        {node.maxBackorderWait && !hasErrorEdge && <Note>Draw the error path from the red dot under this step, e.g. to a “cancelled” end.</Note>}
        <Note
          testId="allocation-stock"
          action={{ label: 'Edit stock →', onClick: () => openModel(`sites[${stocked[0]?.index ?? 0}].stock.model`) }}
        >
          {stocked.length === 0
            ? 'No site has a stock model yet, so every line is in stock and this step never waits.'
            : `Stock: ${sites.map((s) => `${s.name} — ${stockModelInfo[(s.stock?.model ?? 'none') as keyof typeof stockModelInfo]?.label ?? s.stock?.model}`).join('; ')}.`}
        </Note>
      </Section>
      {policy === 'sourceElsewhere' && (
        <Section title="Sourcing from other sites" testId="sourcing">
          <FindingNote path={sp} />
          {sites.length < 2 && <Note tone="warning">This model has one site, so there is nowhere else to look: add sites in the Model tab.</Note>}
          <SelectField<SourcingRule>
            label="Which site supplies first"
            path={[...sp, 'rule']}
            value={rule}
            options={(Object.keys(sourcingRuleInfo) as SourcingRule[]).map((r) => ({ value: r, label: sourcingRuleInfo[r].label }))}
            hint={sourcingRuleInfo[rule].explain}
            onCommit={(r) => {
              setAtPath(sp, { ...defaultSourcing(), ...(sourcing ?? {}), rule: r ?? 'nearest', ...(r === 'priorityList' && !candidates ? { sites: sites.map((s) => s.id) } : {}) });
            }}
          />
          {rule === 'nearest' && unlocated.length > 0 && (
            <Note tone="warning" action={{ label: 'Set locations →', onClick: () => openModel(`sites[${sites.indexOf(unlocated[0])}].location`) }}>
              Without a location: {unlocated.map((s) => s.name).join(', ')}.
            </Note>
          )}
          {rule === 'priorityList' ? (
            <PriorityList path={[...sp, 'sites']} ids={candidates ?? sites.map((s) => s.id)} allIds={sites.map((s) => s.id)} name={siteName} />
          ) : (
            <CheckboxGroup<string>
              label="Candidate sites"
              path={[...sp, 'sites']}
              testId="sourcing-sites"
              options={sites.map((s) => ({ value: s.id, label: s.name }))}
              checked={candidates ?? sites.map((s) => s.id)}
              atLeastOne
              hint={
                candidates === undefined || candidates.length >= sites.length
                  ? 'Every other site may supply (the order’s own site is never a candidate).'
                  : 'Only the checked sites may supply (the order’s own site is skipped).'
              }
              onChange={(next) => setAtPath([...sp, 'sites'], next.length === sites.length ? undefined : next)}
            />
          )}
          <SelectField<SourcingFulfil>
            label="Sourced lines"
            path={[...sp, 'fulfil']}
            value={fulfil}
            options={(Object.keys(fulfilInfo) as SourcingFulfil[]).map((f) => ({ value: f, label: fulfilInfo[f].label }))}
            hint={fulfilInfo[fulfil].explain}
          />
          {fulfil === 'transfer' && <DistributionEditor label="Transfer time" path={[...sp, 'transferTime']} value={sourcing?.transferTime ?? { kind: 'constant', value: 1, unit: 'd' }} timed compact />}
          <div className="field-row">
            <NumberField label="Cost per sourced line" path={[...sp, 'costPerLine']} value={sourcing?.costPerLine ?? 0} rules={{ min: 0 }} suffix={currency} />
            <NumberField label={fulfil === 'transfer' ? 'Cost per transfer' : 'Cost per extra shipment'} path={[...sp, 'costPerShipment']} value={sourcing?.costPerShipment ?? 0} rules={{ min: 0 }} suffix={currency} />
          </div>
        </Section>
      )}
    </>
  );
}

/** The candidate sites of a priority list, in order, with up, down, remove and add. */
function PriorityList({ path, ids, allIds, name }: { path: DocPath; ids: readonly string[]; allIds: readonly string[]; name: (id: string) => string }) {
  const setAtPath = useSetAt();
  const problems = useFindingsUnder(path);
  const rest = allIds.filter((id) => !ids.includes(id));
  return (
    <div className={`field priority-list${problems ? ' invalid' : ''}`} data-testid="priority-list">
      <span className="field-label">Candidate sites, first choice first</span>
      <ol className="ordered-list" data-path={pathText(path)} tabIndex={-1}>
        {ids.map((id, i) => (
          <li key={id}>
            <span className="ordered-name">{name(id)}</span>
            <button type="button" className="btn-icon" aria-label={`Move ${name(id)} up`} title="Move up" disabled={i === 0} onClick={() => setAtPath(path, moveItem(ids, i, -1))}>
              ↑
            </button>
            <button type="button" className="btn-icon" aria-label={`Move ${name(id)} down`} title="Move down" disabled={i === ids.length - 1} onClick={() => setAtPath(path, moveItem(ids, i, 1))}>
              ↓
            </button>
            <button type="button" className="btn-icon" aria-label={`Remove ${name(id)}`} title="Remove" disabled={ids.length === 1} onClick={() => setAtPath(path, ids.filter((x) => x !== id))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      {rest.length > 0 && (
        <select className="add-select" aria-label="Add a candidate site" value="" onChange={(e) => e.target.value && setAtPath(path, [...ids, e.target.value])}>
          <option value="">+ add a site…</option>
          {rest.map((id) => (
            <option key={id} value={id}>
              {name(id)}
            </option>
          ))}
        </select>
      )}
      {problems ? (
        <div className="field-error" role="alert">
          {problems}
        </div>
      ) : (
        <div className="field-hint">The order’s own site is skipped.</div>
      )}
    </div>
  );
}

/** A credit check: what it does, the customers' limits it uses, the review delay and its hold path. */
export function CreditCheckSection({ node, base }: { node: CreditCheckNode; base: DocPath }) {
  const doc = useStudio((s) => s.doc);
  const openModel = useOpenModelField();
  const currency = useCurrency();
  const edges = edgesOf(doc);
  const hold = edges.find((e) => e.from === node.id && e.kind === 'hold');
  const holdTarget = hold ? (nodesOf(doc).find((n) => n.id === hold.to)?.name ?? hold.to) : undefined;
  const segments = doc.customers && Array.isArray(doc.customers.segments) ? doc.customers.segments : [];
  return (
    <Section title="Credit check" testId="credit-check">
      <Note>
        An order is released (next path) when its customer’s open exposure — released, unpaid orders — plus this order stays within the segment’s credit limit. Otherwise it is held and re-checked whenever that customer pays.
      </Note>
      {segments.length === 0 ? (
        <Note tone="warning" action={{ label: 'Add customers →', onClick: () => openModel('customers') }}>
          The model has no customer segments, so every order passes.
        </Note>
      ) : (
        <Note action={{ label: 'Edit limits →', onClick: () => openModel('customers.segments[0].creditLimit') }}>
          Credit limit per customer: {segments.map((s) => `${s.value} ${typeof s.creditLimit === 'number' ? `${moneyText(s.creditLimit)} ${currency}` : 'no limit'}`).join(' · ')}.
        </Note>
      )}
      <DurationField
        label="Refer held orders to review after"
        path={[...base, 'reviewAfter']}
        value={node.reviewAfter}
        optional
        defaultUnit="h"
        hint={hold ? `Still held after this, an order goes down the hold path to “${holdTarget}” (empty: at once).` : 'Takes effect with a hold path only.'}
      />
      {!hold && (
        <Note testId="no-hold-path">No hold path: held orders wait until payments make room. To refer them to a manual review, drag from the dark red dot under this step.</Note>
      )}
    </Section>
  );
}

/** Waiting for payment: the customer's segment terms, or one distribution for every order. */
export function AwaitPaymentSection({ node, base }: { node: AwaitPaymentNode; base: DocPath }) {
  const doc = useStudio((s) => s.doc);
  const setAtPath = useSetAt();
  const openModel = useOpenModelField();
  const segments = doc.customers && Array.isArray(doc.customers.segments) ? doc.customers.segments : [];
  const own = node.daysToPay !== undefined;
  return (
    <Section title="Payment" testId="await-payment">
      <SelectField
        label="Days to pay come from"
        path={[...base, 'daysToPay']}
        value={own ? 'node' : 'segment'}
        options={[
          { value: 'segment', label: 'the order’s customer segment' },
          { value: 'node', label: 'this step (same for every order)' },
        ]}
        onCommit={(v) => setAtPath([...base, 'daysToPay'], v === 'node' ? { kind: 'gamma', mean: 45, sd: 15, unit: 'd' } : undefined)}
      />
      {own ? (
        <DistributionEditor label="Days to pay (invoice to payment)" path={[...base, 'daysToPay']} value={node.daysToPay} timed />
      ) : segments.length === 0 ? (
        <Note tone="warning" action={{ label: 'Add customers →', onClick: () => openModel('customers') }}>
          The model has no customer segments: add them, or set the days to pay on this step.
        </Note>
      ) : (
        <Note action={{ label: 'Edit segments →', onClick: () => openModel('customers.segments[0].daysToPay') }}>
          {segments.map((s) => `${s.value}: ~${meanText(s.daysToPay)}`).join(' · ')}
        </Note>
      )}
      {!nodesOf(doc).some((n) => n.milestone === 'cash') && (
        <Note action={{ label: 'Mark cash here', onClick: () => setAtPath([...base, 'milestone'], 'cash') }}>
          No step has the Cash milestone yet: order-to-cash is not measured and credit exposure is never released.
        </Note>
      )}
    </Section>
  );
}

/** For every step: the fulfilment milestone reached on leaving it, its costs and whether it is exception work. */
export function MilestoneCostSection({ node, base }: { node: DocNode; base: DocPath }) {
  const currency = useCurrency();
  const milestone = node.milestone as Milestone | undefined;
  const open = milestone !== undefined || node.costPerLine !== undefined || node.costPerVisit !== undefined || node.exception === true;
  return (
    <Section title="Milestone and costs" defaultOpen={open} testId="milestone-costs">
      <SelectField<Milestone>
        label="Milestone when a shipment leaves this step"
        path={[...base, 'milestone']}
        value={milestone}
        optional
        emptyLabel="none"
        options={(Object.keys(milestoneInfo) as Milestone[]).map((m) => ({ value: m, label: `${milestoneInfo[m].label} (${m})` }))}
        hint={milestone ? milestoneInfo[milestone].explain : 'Ship, invoice and cash milestones drive order-to-ship, order-to-cash and working capital.'}
      />
      <div className="field-row">
        <NumberField label="Cost per visit" path={[...base, 'costPerVisit']} value={node.costPerVisit} optional rules={{ min: 0 }} suffix={currency} hint="Freight, a fee" />
        <NumberField label="Cost per line" path={[...base, 'costPerLine']} value={node.costPerLine} optional rules={{ min: 0 }} suffix={`${currency}/line`} hint="Pick and pack handling" />
      </div>
      <CheckboxField label="Exception handling (its labour is reported as exception cost)" path={[...base, 'exception']} value={node.exception} />
    </Section>
  );
}

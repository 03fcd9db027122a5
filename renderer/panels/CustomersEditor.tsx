import { useStudio, useStudioStore } from '../state';
import { setAt, type DocPath } from '../state/documentOps';
import { DistributionEditor } from './DistributionEditor';
import { FindingNote, ItemCard, ListBlock, Note, NumberField, Section, SelectField, TextField, useFindingsUnder, useSetAt } from './fields';
import { drawnAttributes, moneyText, newCustomers, newSegment, segmentExposure, steadyOpeningExposure, type OpeningExposure } from './fulfilment';
import { roundNice } from '../canvas/nodeSummary';

/**
 * Model settings for credit and cash: customer segments (which order attribute names them, customers per
 * segment, credit limit, days to pay) and the finance settings (carrying rate).
 */
export function CustomersSection() {
  const doc = useStudio((s) => s.doc);
  const store = useStudioStore();
  const setAtPath = useSetAt();
  const problems = useFindingsUnder(['customers']);
  const currency = typeof doc.currency === 'string' ? doc.currency : 'USD';
  const customers = doc.customers;
  const segments = customers && Array.isArray(customers.segments) ? customers.segments : [];
  const attributes = drawnAttributes(doc);
  const attribute = customers?.segmentAttribute;
  const drawn = attributes.find((a) => a.attribute === attribute);
  const values = drawn?.values ?? [];
  const missing = attribute ? values.filter((v) => !segments.some((s) => s.value === v)) : [];
  const cp: DocPath = ['customers'];
  return (
    <Section title="Customers and credit" count={segments.length || undefined} problems={problems} defaultOpen={false} testId="customers">
      {!customers ? (
        <>
          <Note>No customers: credit checks release every order, and payment steps need their own days to pay.</Note>
          <button
            type="button"
            className="btn-link"
            data-path="customers"
            data-testid="add-customers"
            onClick={() => store.getState().updateDocument((d) => setAt(d, cp, newCustomers(d)))}
          >
            + customer segments
          </button>
        </>
      ) : (
        <>
          <SelectField
            label="Segment attribute (order attribute naming the segment)"
            path={[...cp, 'segmentAttribute']}
            value={attribute}
            optional
            emptyLabel="none: the first segment takes every order"
            options={attributes.map((a) => ({ value: a.attribute, label: a.values.length ? `${a.attribute} (${a.values.join(', ')})` : a.attribute }))}
            hint={attributes.length === 0 ? 'Sources draw no attributes yet: add one (e.g. segment: key 20%, smb 80%) under a source’s order mix.' : 'Drawn per order by the sources.'}
          />
          {missing.length > 0 && (
            <Note
              tone="warning"
              testId="segments-missing"
              action={{ label: `Add ${missing.length === 1 ? 'it' : 'them'}`, onClick: () => setAtPath([...cp, 'segments'], [...segments, ...missing.map((value) => ({ ...newSegment([], []), value }))]) }}
            >
              Orders with {attribute} {missing.map((v) => `“${v}”`).join(', ')} have no segment here.
            </Note>
          )}
          <FindingNote path={cp} />
          <FindingNote path={[...cp, 'segments']} />
          <ListBlock
            title="Segments"
            addLabel="segment"
            testId="segments"
            items={segments}
            onAdd={() => setAtPath([...cp, 'segments'], [...segments, newSegment(segments, values)])}
            render={(segment, i) => {
              const sp: DocPath = [...cp, 'segments', i];
              return (
                <ItemCard key={i} title={segment.value || `Segment ${i + 1}`} onRemove={segments.length > 1 ? () => setAtPath(sp, undefined) : undefined} testId={`segment-${i}`}>
                  {attribute && values.length > 0 ? (
                    <SelectField label={`${attribute} =`} path={[...sp, 'value']} value={segment.value} options={values} />
                  ) : (
                    <TextField label="Segment name" path={[...sp, 'value']} value={segment.value} />
                  )}
                  <div className="field-row">
                    <NumberField label="Customers" path={[...sp, 'customers']} value={segment.customers} rules={{ min: 1, integer: true }} hint="Orders spread evenly over them" />
                    <NumberField label="Credit limit" path={[...sp, 'creditLimit']} value={segment.creditLimit} optional rules={{ min: 0 }} suffix={currency} hint="Open exposure per customer; empty: no limit" />
                  </div>
                  <DistributionEditor label="Days to pay (invoice to payment)" path={[...sp, 'daysToPay']} value={segment.daysToPay} timed compact />
                  {segment.openingExposure ? (
                    <DistributionEditor label="Opening exposure per customer (receivables open at the start)" path={[...sp, 'openingExposure']} value={segment.openingExposure} timed={false} compact />
                  ) : (
                    <Note>No receivables open at the start: credit checks bind only once orders have built exposure up (about one payment cycle of warm-up).</Note>
                  )}
                  <ExposureNote index={i} limit={segment.creditLimit} currency={currency} onStartSettled={(value) => setAtPath([...sp, 'openingExposure'], value)} />
                </ItemCard>
              );
            }}
          />
          <button type="button" className="btn-link danger-link" onClick={() => setAtPath(cp, undefined)}>
            Remove customers (no credit checks, no segment payment terms)
          </button>
        </>
      )}
    </Section>
  );
}

/**
 * What one customer of the segment typically has open while waiting to pay, against its credit limit: a limit
 * below it means many orders wait on credit hold.
 */
function ExposureNote({ index, limit, currency, onStartSettled }: { index: number; limit: number | undefined; currency: string; onStartSettled: (value: OpeningExposure) => void }) {
  const doc = useStudio((s) => s.doc);
  const exposure = segmentExposure(doc, index);
  if (!exposure) return null;
  if (exposure.ordersPerDay <= 0) return <Note>No order of this segment arrives: check the segment attribute’s values at the sources.</Note>;
  const tight = typeof limit === 'number' && limit < exposure.openValue;
  return (
    <Note tone={tight ? 'warning' : 'info'} testId="segment-exposure" action={{ label: 'Start with this owed', onClick: () => onStartSettled(steadyOpeningExposure(exposure)) }}>
      One customer: ≈ {roundNice(exposure.ordersPerDay)} orders/day of ≈ {moneyText(Math.round(exposure.orderValue))} {currency}, so ≈ {moneyText(Math.round(exposure.openValue))} {currency} waiting for
      payment (before shipping and invoicing time).
      {tight ? ' The credit limit is below that: many orders will wait on credit hold.' : ''}
    </Note>
  );
}

/** Finance: the carrying rate, typed as a percentage per year. */
export function FinanceSection() {
  const rate = useStudio((s) => s.doc.finance?.carryingRatePerYear);
  const problems = useFindingsUnder(['finance']);
  return (
    <Section title="Finance" problems={problems} defaultOpen={false} testId="finance">
      <NumberField
        label="Carrying rate (cost of capital per year)"
        path={['finance', 'carryingRatePerYear']}
        value={rate ?? 0}
        percent
        rules={{ min: 0, max: 10 }}
        hint="On receivables, shipped-not-invoiced value and stock at unit cost; e.g. 10%."
      />
    </Section>
  );
}

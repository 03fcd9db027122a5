import { useStudio } from '../state';
import type { DocPath, StudioDocument } from '../state/documentOps';
import { roundNice } from '../canvas/nodeSummary';
import { DistributionEditor } from './DistributionEditor';
import { FindingNote, ItemCard, ListBlock, Note, NumberField, SelectField, useSetAt } from './fields';
import { meanDays, moneyText, newFillRateRow, newInventoryRow, nextStockClass, productClassesOf, siteClassDemandPerDay, stockModelInfo, switchStockModel, type StockModel } from './fulfilment';

type Site = StudioDocument['sites'][number];
type StockRow = {
  productClass?: string;
  fillProbability?: number;
  replenishmentLeadTime?: unknown;
  initialOnHand?: number;
  reorderPoint?: number;
  reorderQuantity?: number;
  unitCost?: number;
};

/**
 * A site's location (for nearest-site sourcing) and its stock: none, fill rate or (s, Q) inventory, one row per
 * product class (a row without a class covers every class without a row of its own).
 */
export function SiteFulfilmentFields({ site, index }: { site: Site; index: number }) {
  const setAtPath = useSetAt();
  const location = site.location;
  const lp: DocPath = ['sites', index, 'location'];
  return (
    <>
      <div className="field-row">
        <NumberField
          label="Latitude"
          path={[...lp, 'lat']}
          value={location?.lat}
          optional
          rules={{ min: -90, max: 90 }}
          suffix="°N"
          onCommit={(v) => setAtPath(lp, v === undefined ? undefined : { lat: v, lon: location?.lon ?? 0 })}
        />
        <NumberField
          label="Longitude"
          path={[...lp, 'lon']}
          value={location?.lon}
          optional
          rules={{ min: -180, max: 180 }}
          suffix="°E"
          onCommit={(v) => setAtPath(lp, v === undefined ? undefined : { lat: location?.lat ?? 0, lon: v })}
        />
      </div>
      <FindingNote path={lp} />
      <div className="field-hint site-location-hint">Degrees (west and south negative), e.g. 41.88, −87.63 for Chicago; used by nearest-site sourcing.</div>
      <StockEditor site={site} index={index} />
    </>
  );
}

function StockEditor({ site, index }: { site: Site; index: number }) {
  const doc = useStudio((s) => s.doc);
  const setAtPath = useSetAt();
  const currency = typeof doc.currency === 'string' ? doc.currency : 'USD';
  const stock = site.stock as { model?: string; classes?: StockRow[] } | undefined;
  const model: StockModel = stock?.model === 'fillRate' || stock?.model === 'inventory' ? stock.model : 'none';
  const sp: DocPath = ['sites', index, 'stock'];
  const rows = Array.isArray(stock?.classes) ? stock.classes : [];
  const classes = productClassesOf(doc);
  const demand = (productClass: string | undefined, rowClasses: ReadonlyArray<string | undefined>) => siteClassDemandPerDay(doc, site.id, productClass, rowClasses);
  const classOptions = [...new Set([...classes, ...rows.map((r) => r.productClass).filter((c): c is string => typeof c === 'string')])];
  return (
    <div className="stock-editor" data-testid={`stock-${site.id}`}>
      <SelectField<StockModel>
        label="Stock"
        path={[...sp, 'model']}
        value={model}
        options={(Object.keys(stockModelInfo) as StockModel[]).map((m) => ({ value: m, label: stockModelInfo[m].label }))}
        hint={stockModelInfo[model].explain}
        onCommit={(m) => setAtPath(sp, switchStockModel(site.stock, m ?? 'none', demand))}
      />
      <FindingNote path={sp} />
      {model !== 'none' && <FindingNote path={[...sp, 'classes']} />}
      {model !== 'none' && (
        <ListBlock
          title="Per product class"
          addLabel="class"
          items={rows}
          onAdd={() => {
            const productClass = nextStockClass(rows, classOptions);
            const lead = rows[rows.length - 1]?.replenishmentLeadTime;
            const rowClasses = [...rows.map((r) => r.productClass), productClass];
            setAtPath([...sp, 'classes'], [...rows, model === 'fillRate' ? newFillRateRow(productClass, lead) : newInventoryRow(productClass, lead, demand(productClass, rowClasses))]);
          }}
          render={(row, j) => {
            const rp: DocPath = [...sp, 'classes', j];
            const title = row.productClass ? `Class ${row.productClass}` : rows.length === 1 ? 'Every product class' : 'Every other class';
            return (
              <ItemCard key={j} title={title} onRemove={rows.length > 1 ? () => setAtPath(rp, undefined) : undefined} testId={`stock-${site.id}-row-${j}`}>
                <FindingNote path={rp} />
                <div className="field-row">
                  <SelectField label="Product class" path={[...rp, 'productClass']} value={row.productClass} optional emptyLabel={rows.length === 1 ? 'every class' : 'every other class'} options={classOptions} />
                  {model === 'fillRate' ? (
                    <NumberField label="In stock (fill rate)" path={[...rp, 'fillProbability']} value={row.fillProbability} percent rules={{ min: 0, max: 1 }} hint="Share of lines available" />
                  ) : (
                    <NumberField label="Unit cost" path={[...rp, 'unitCost']} value={row.unitCost ?? 0} rules={{ min: 0 }} suffix={currency} hint="Value of one unit" />
                  )}
                </div>
                {model === 'inventory' && (
                  <>
                    <div className="field-row stock-quantities">
                      <NumberField label="On hand" path={[...rp, 'initialOnHand']} value={row.initialOnHand} rules={{ min: 0, integer: true }} />
                      <NumberField label="Reorder at (s)" path={[...rp, 'reorderPoint']} value={row.reorderPoint} rules={{ min: -1e9, integer: true }} />
                      <NumberField label="Order qty (Q)" path={[...rp, 'reorderQuantity']} value={row.reorderQuantity} rules={{ min: 1, integer: true }} />
                    </div>
                    <div className="field-hint stock-quantities-hint">In units; on hand at the start. Orders Q whenever on hand + on order − backordered falls to s or below.</div>
                    <DemandNote doc={doc} siteId={site.id} row={row} rows={rows} />
                  </>
                )}
                <DistributionEditor label="Replenishment lead time" path={[...rp, 'replenishmentLeadTime']} value={row.replenishmentLeadTime} timed compact />
              </ItemCard>
            );
          }}
        />
      )}
    </div>
  );
}

/**
 * What the (s, Q) numbers mean against this site's own demand: units per day ordered here for the row's classes,
 * and the demand over the mean lead time, the least a reorder point should cover to avoid stock-outs before
 * each delivery (safety stock comes on top).
 */
function DemandNote({ doc, siteId, row, rows }: { doc: StudioDocument; siteId: string; row: StockRow; rows: readonly StockRow[] }) {
  const perDay = siteClassDemandPerDay(doc, siteId, row.productClass, rows.map((r) => r.productClass));
  const leadDays = meanDays(row.replenishmentLeadTime);
  if (perDay === undefined) return null;
  if (perDay <= 0) return <Note>No orders are placed at this site for these classes; only sourcing from other sites draws on this stock.</Note>;
  const duringLead = leadDays === undefined ? undefined : perDay * leadDays;
  const short = duringLead !== undefined && typeof row.reorderPoint === 'number' && row.reorderPoint < duringLead;
  return (
    <Note tone={short ? 'warning' : 'info'} testId="stock-demand">
      Orders here ≈ {moneyText(Math.round(perDay))} units/day
      {duringLead !== undefined ? `; over the mean lead time (${roundNice(leadDays!)} d) ≈ ${moneyText(Math.round(duringLead))} units` : ''}.
      {short ? ' The reorder point is below that: expect stock-outs before each delivery.' : ''}
    </Note>
  );
}

import { useStudio } from '../state';
import type { DocPath, StudioDocument } from '../state/documentOps';
import { DistributionEditor } from './DistributionEditor';
import { FindingNote, ItemCard, ListBlock, NumberField, SelectField, useSetAt } from './fields';
import { newFillRateRow, newInventoryRow, nextStockClass, productClassesOf, stockModelInfo, switchStockModel, type StockModel } from './fulfilment';

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
  const classOptions = [...new Set([...classes, ...rows.map((r) => r.productClass).filter((c): c is string => typeof c === 'string')])];
  return (
    <div className="stock-editor" data-testid={`stock-${site.id}`}>
      <SelectField<StockModel>
        label="Stock"
        path={[...sp, 'model']}
        value={model}
        options={(Object.keys(stockModelInfo) as StockModel[]).map((m) => ({ value: m, label: stockModelInfo[m].label }))}
        hint={stockModelInfo[model].explain}
        onCommit={(m) => setAtPath(sp, switchStockModel(site.stock, m ?? 'none'))}
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
            setAtPath([...sp, 'classes'], [...rows, model === 'fillRate' ? newFillRateRow(productClass, lead) : newInventoryRow(productClass, lead)]);
          }}
          render={(row, j) => {
            const rp: DocPath = [...sp, 'classes', j];
            const title = row.productClass ? `Class ${row.productClass}` : rows.length === 1 ? 'Every product class' : 'Every other class';
            return (
              <ItemCard key={j} title={title} onRemove={rows.length > 1 ? () => setAtPath(rp, undefined) : undefined} testId={`stock-${site.id}-row-${j}`}>
                <FindingNote path={rp} />
                <div className="field-row">
                  <SelectField label="Product class" path={[...rp, 'productClass']} value={row.productClass} optional emptyLabel={rows.length === 1 ? 'every class' : 'every other class'} options={classOptions} />
                  {model === 'fillRate' && (
                    <NumberField label="In stock (fill rate)" path={[...rp, 'fillProbability']} value={row.fillProbability} percent rules={{ min: 0, max: 1 }} hint="Share of lines available" />
                  )}
                </div>
                {model === 'inventory' && (
                  <>
                    <div className="field-row">
                      <NumberField label="On hand at start" path={[...rp, 'initialOnHand']} value={row.initialOnHand} rules={{ min: 0, integer: true }} suffix="units" />
                      <NumberField label="Unit cost" path={[...rp, 'unitCost']} value={row.unitCost ?? 0} rules={{ min: 0 }} suffix={currency} hint="Value of one unit" />
                    </div>
                    <div className="field-row">
                      <NumberField label="Reorder point (s)" path={[...rp, 'reorderPoint']} value={row.reorderPoint} rules={{ min: -1e9, integer: true }} suffix="units" />
                      <NumberField label="Reorder qty (Q)" path={[...rp, 'reorderQuantity']} value={row.reorderQuantity} rules={{ min: 1, integer: true }} suffix="units" />
                    </div>
                    <div className="field-hint">Orders Q whenever on hand + on order − backordered falls to s or below.</div>
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

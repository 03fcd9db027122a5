import { useReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import { nodeTemplates, type TemplateCategory } from '../../models';
import { addPaletteItem, paletteMime, type PaletteItem } from '../actions/actionAddNode';
import { KindIcon, kindColors } from '../canvas/nodes/kindIcon';
import { nodeSize } from '../canvas/toFlow';
import { useStudioStore } from '../state';
import { kindLabel, paletteKinds } from '../state/documentOps';

const kindHints: Record<string, string> = {
  source: 'Where orders arrive',
  activity: 'Work by a team (pool)',
  integration: 'A call to a system',
  decision: 'Route by share or rule',
  split: 'Do branches in parallel',
  join: 'Wait for all branches',
  delay: 'Wait a while',
  batch: 'Release in waves',
  allocate: 'Reserve stock; backorder or source short lines',
  creditCheck: 'Hold orders over the credit limit',
  awaitPayment: 'Wait for the customer to pay',
  end: 'Where orders finish',
};

const categoryLabels: Record<TemplateCategory, string> = {
  intake: 'Order intake',
  credit: 'Credit',
  inventory: 'Inventory',
  warehouse: 'Warehouse',
  transport: 'Transport',
  finance: 'Invoice and cash',
  exceptions: 'Exceptions',
};

/**
 * The left panel: node kinds and ready-made distribution templates. Drag one onto the canvas, or click it to
 * add it in the middle of the view.
 */
export function Palette() {
  const store = useStudioStore();
  const flow = useReactFlow();
  const [filter, setFilter] = useState('');
  const clicks = useRef(0);
  const groups = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const match = (text: string) => q === '' || text.toLowerCase().includes(q);
    const byCategory = new Map<TemplateCategory, typeof nodeTemplates>();
    for (const t of nodeTemplates) {
      if (!match(`${t.label} ${t.description} ${t.category}`)) continue;
      byCategory.set(t.category, [...(byCategory.get(t.category) ?? []), t]);
    }
    return { kinds: paletteKinds.filter((k) => match(`${kindLabel(k)} ${kindHints[k]}`)), byCategory };
  }, [filter]);

  const onDragStart = (event: DragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(paletteMime, JSON.stringify(item));
    event.dataTransfer.effectAllowed = 'copy';
  };
  const addAtCentre = (item: PaletteItem) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 0 };
    // Successive clicks fan out so new steps do not hide each other.
    const step = clicks.current++ % 8;
    addPaletteItem(store, item, { x: centre.x - nodeSize.width / 2 + step * 30, y: centre.y - nodeSize.height / 2 + step * 30 });
  };

  return (
    <aside className="palette" aria-label="Palette">
      <input className="palette-search" type="search" placeholder="Filter steps and templates" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter palette" />
      <div className="palette-scroll">
        <div className="palette-group">Steps</div>
        {groups.kinds.map((kind) => (
          <div
            key={kind}
            className="palette-item"
            draggable
            role="button"
            tabIndex={0}
            data-testid={`palette-${kind}`}
            title={`${kindHints[kind]}. Drag onto the canvas, or click to add.`}
            onDragStart={(e) => onDragStart(e, { type: 'kind', kind })}
            onClick={() => addAtCentre({ type: 'kind', kind })}
            onKeyDown={(e) => e.key === 'Enter' && addAtCentre({ type: 'kind', kind })}
          >
            <span className="palette-icon" style={{ color: kindColors[kind] }}>
              <KindIcon kind={kind} />
            </span>
            <span className="palette-text">
              <span className="palette-label">{kindLabel(kind)}</span>
              <span className="palette-hint">{kindHints[kind]}</span>
            </span>
          </div>
        ))}
        {[...groups.byCategory.entries()].map(([category, templates]) => (
          <div key={category}>
            <div className="palette-group">{categoryLabels[category] ?? category}</div>
            {templates.map((t) => (
              <div
                key={t.id}
                className="palette-item template"
                draggable
                role="button"
                tabIndex={0}
                data-testid={`template-${t.id}`}
                title={`${t.description}\nDrag onto the canvas, or click to add.`}
                onDragStart={(e) => onDragStart(e, { type: 'template', templateId: t.id })}
                onClick={() => addAtCentre({ type: 'template', templateId: t.id })}
                onKeyDown={(e) => e.key === 'Enter' && addAtCentre({ type: 'template', templateId: t.id })}
              >
                <span className="palette-text">
                  <span className="palette-label">{t.label}</span>
                </span>
              </div>
            ))}
          </div>
        ))}
        {groups.kinds.length === 0 && groups.byCategory.size === 0 && <p className="empty-note">Nothing matches “{filter}”.</p>}
      </div>
    </aside>
  );
}

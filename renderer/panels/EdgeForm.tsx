import { allowedEdgeKinds, type EdgeKind } from '../../models';
import { useStudio } from '../state';
import { nodesOf, type DocEdge, type DocPath } from '../state/documentOps';
import { CheckboxField, NumberField, SelectField, TextField, useSetAt } from './fields';

const kindNames: Record<EdgeKind, string> = { next: 'next (normal path)', branch: 'branch of a decision', error: 'error path', overflow: 'overflow (queue full)', deadLetter: 'dead letter (retries exhausted)', hold: 'credit hold (to manual review)' };
const ops = [
  { value: 'eq', label: '=' },
  { value: 'neq', label: '≠' },
  { value: 'in', label: 'in (comma list)' },
  { value: 'lt', label: '<' },
  { value: 'lte', label: '≤' },
  { value: 'gt', label: '>' },
  { value: 'gte', label: '≥' },
] as const;

/** The fields of one edge (used alone for a selected edge, and inside a node's "outgoing paths"). */
export function EdgeFields({ edge, index, compact }: { edge: DocEdge; index: number; compact?: boolean }) {
  const doc = useStudio((s) => s.doc);
  const setAtPath = useSetAt();
  const base: DocPath = ['edges', index];
  const from = nodesOf(doc).find((n) => n.id === edge.from);
  const kind = edge.kind ?? 'next';
  const kinds: readonly EdgeKind[] = from ? (allowedEdgeKinds[from.kind] ?? ['next']) : ['next'];
  const decisionMode = from?.kind === 'decision' ? (from.mode ?? 'probability') : undefined;
  const condition = edge.condition;
  const numericOp = condition && ['lt', 'lte', 'gt', 'gte'].includes(condition.op);
  return (
    <div className="edge-fields">
      <SelectField<EdgeKind>
        label="Kind"
        path={[...base, 'kind']}
        value={kind}
        options={(kinds.includes(kind) ? kinds : [...kinds, kind]).map((k) => ({ value: k, label: kindNames[k] }))}
      />
      {kind === 'branch' && decisionMode === 'probability' && (
        <NumberField label="Probability" path={[...base, 'probability']} value={edge.probability} percent rules={{ min: 0, max: 1 }} />
      )}
      {kind === 'branch' && decisionMode === 'condition' && (
        <>
          <CheckboxField
            label="Otherwise (takes what no condition matched)"
            path={[...base, 'otherwise']}
            value={edge.otherwise}
            onCommit={(v) => {
              setAtPath([...base, 'otherwise'], v || undefined);
              if (v) setAtPath([...base, 'condition'], undefined);
              else if (!edge.condition) setAtPath([...base, 'condition'], { attribute: 'channel', op: 'eq', value: 'edi' });
            }}
          />
          {!edge.otherwise && condition && (
            <div className="field-row">
              <TextField label="Attribute" path={[...base, 'condition', 'attribute']} value={condition.attribute} />
              <SelectField
                label="Test"
                path={[...base, 'condition', 'op']}
                value={condition.op}
                options={ops}
                onCommit={(op) => setAtPath([...base, 'condition'], { ...condition, op, value: convertValue(condition.value, op ?? 'eq') })}
              />
              {numericOp ? (
                <NumberField label="Value" path={[...base, 'condition', 'value']} value={typeof condition.value === 'number' ? condition.value : undefined} />
              ) : (
                <TextField
                  label="Value"
                  path={[...base, 'condition', 'value']}
                  value={Array.isArray(condition.value) ? condition.value.join(', ') : String(condition.value)}
                  onCommit={(v) => setAtPath([...base, 'condition', 'value'], condition.op === 'in' ? (v ?? '').split(',').map((x) => x.trim()).filter(Boolean) : (v ?? ''))}
                />
              )}
            </div>
          )}
        </>
      )}
      {from && edgeHint(from.kind, kind) && <div className="field-hint edge-hint">{edgeHint(from.kind, kind)}</div>}
      <TextField label="Label" path={[...base, 'label']} value={edge.label} optional />
      {!compact && <div className="field-hint">Edge “{edge.id}”</div>}
    </div>
  );
}

/** What travels down an edge of this kind from this kind of step (only where it is not obvious). */
export function edgeHint(fromKind: string, kind: EdgeKind): string | undefined {
  if (fromKind === 'allocate' && kind === 'error') return 'Shipments whose every line was cancelled (short for longer than the backorder limit) leave here.';
  if (fromKind === 'allocate' && kind === 'next') return 'Shipments leave here once allocated; follow-on shipments (backorders, second shipments) too.';
  if (fromKind === 'creditCheck' && kind === 'hold') return 'Orders over the credit limit, still held after the review delay, go here (a manual review); their value counts as exposure then.';
  if (fromKind === 'creditCheck' && kind === 'next') return 'Orders within the credit limit, and held orders released by payments.';
  if (kind === 'hold') return 'Only a credit check has a hold path.';
  return undefined;
}

function convertValue(value: unknown, op: string): string | number | string[] {
  if (op === 'in') return Array.isArray(value) ? value : String(value ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  if (['lt', 'lte', 'gt', 'gte'].includes(op)) return typeof value === 'number' ? value : Number(value) || 0;
  return Array.isArray(value) ? (value[0] ?? '') : String(value ?? '');
}

/** The inspector for one selected edge. */
export function EdgeForm({ edge, index }: { edge: DocEdge; index: number }) {
  const doc = useStudio((s) => s.doc);
  const nodes = nodesOf(doc);
  const name = (id: string) => nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <div className="form" data-testid="edge-form">
      <div className="form-title">
        <span className="kind-chip">Path</span>
        <span className="form-title-name">
          {name(edge.from)} → {name(edge.to)}
        </span>
      </div>
      <EdgeFields edge={edge} index={index} />
    </div>
  );
}

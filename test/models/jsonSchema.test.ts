import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema, nodeKinds, distributionKinds, edgeKinds, workflowSchema } from '../../models';

describe('published format artefacts match the code', () => {
  it('models/flowcast.schema.json is generated from the current schemas (run `npm run schema`)', () => {
    const committed = readFileSync(new URL('../../models/flowcast.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
  });

  it('docs/model-format.md documents every top-level key, node kind, edge kind and distribution', () => {
    const doc = readFileSync(new URL('../../docs/model-format.md', import.meta.url), 'utf8');
    const names = [...Object.keys(workflowSchema.shape), ...nodeKinds, ...edgeKinds, ...distributionKinds];
    const missing = names.filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});

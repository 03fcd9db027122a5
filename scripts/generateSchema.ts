/** Writes models/flowcast.schema.json from the zod schemas: `npm run schema`. A test checks it is up to date. */
import { writeFileSync } from 'node:fs';
import { modelJsonSchema } from '../models';

const target = new URL('../models/flowcast.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);

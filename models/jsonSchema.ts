import { z } from 'zod';
import { CURRENT_FORMAT_VERSION, workflowSchema } from './workflow';

/**
 * The JSON Schema of the file format, generated from the zod schemas (the single source of truth).
 * Describes what may be written in a file (the input side: defaults are optional), for editor autocompletion.
 */
export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(workflowSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', reused: 'ref' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `https://flowcast.dev/schema/flowcast-model-v${CURRENT_FORMAT_VERSION}.json`,
    title: `Flowcast workflow model (format version ${CURRENT_FORMAT_VERSION})`,
  };
}

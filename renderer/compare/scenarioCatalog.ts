/**
 * The shipped scenarios (scenarios/*.flowcast.json) for the compare view, from the studio's bundled examples
 * (renderer/platform/examples.ts), loaded and validated on demand, so the open model can be set against another
 * scenario (current state against target state).
 */
import { loadModelText, type Workflow } from '../../models';
import { exampleTitle, examples } from '../platform/examples';

export interface ShippedScenario {
  /** File name without `.flowcast.json`, e.g. `regional-distributor-target`. */
  id: string;
  /** Readable name from the file name ("Regional distributor target"); the model's own name appears once loaded. */
  title: string;
}

/** Every shipped scenario, sorted by id. */
export function shippedScenarios(): ShippedScenario[] {
  return examples.map((e) => ({ id: e.id, title: exampleTitle(e.id) })).sort((a, b) => a.id.localeCompare(b.id));
}

/** Loads and validates a shipped scenario; rejects with the first errors when it does not load. */
export async function loadShippedScenario(id: string): Promise<Workflow> {
  const entry = examples.find((e) => e.id === id);
  if (!entry) throw new Error(`There is no shipped scenario "${id}".`);
  const { model, findings } = loadModelText(await entry.load());
  if (!model) {
    const errors = findings.filter((f) => f.severity === 'error').slice(0, 3);
    throw new Error(`Scenario "${id}" does not load: ${errors.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  }
  return model;
}

/**
 * The shipped scenarios (scenarios/*.flowcast.json), bundled as text and loaded on demand, so the compare view
 * can set the open model against another scenario (current state against target state).
 */
import { loadModelText, type Workflow } from '../../models';

const loaders = import.meta.glob<string>('../../scenarios/*.flowcast.json', { query: '?raw', import: 'default' });

export interface ShippedScenario {
  /** File name without `.flowcast.json`, e.g. `regional-distributor-target`. */
  id: string;
  /** Readable name from the file name ("Regional distributor target"); the model's own name appears once loaded. */
  title: string;
}

/** Every shipped scenario, sorted by id. */
export function shippedScenarios(): ShippedScenario[] {
  return Object.keys(loaders)
    .map((path) => {
      const id = path.replace(/^.*\//, '').replace(/\.flowcast\.json$/, '');
      return { id, title: titleFromId(id) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** "regional-distributor-target" → "Regional distributor target". */
export function titleFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Loads and validates a shipped scenario; rejects with the first errors when it does not load. */
export async function loadShippedScenario(id: string): Promise<Workflow> {
  const entry = Object.entries(loaders).find(([path]) => path.endsWith(`/${id}.flowcast.json`));
  if (!entry) throw new Error(`There is no shipped scenario "${id}".`);
  const text = await entry[1]();
  const { model, findings } = loadModelText(text);
  if (!model) {
    const errors = findings.filter((f) => f.severity === 'error').slice(0, 3);
    throw new Error(`Scenario "${id}" does not load: ${errors.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  }
  return model;
}

/**
 * The scenarios shipped in scenarios/*.flowcast.json, bundled at build time (Vite JSON import, one lazy chunk
 * each) so the studio can open them without a file dialog, in Electron and in a browser alike.
 */
const modules = import.meta.glob<string>('../../scenarios/*.flowcast.json', { query: '?raw', import: 'default' });

/** The scenario the studio opens on first start. */
export const defaultExampleId = 'regional-distributor-current';

export interface ExampleEntry {
  id: string;
  load: () => Promise<string>;
}

/** Every shipped scenario, by id (file name without `.flowcast.json`), default first. */
export const examples: readonly ExampleEntry[] = Object.entries(modules)
  .map(([path, load]) => ({ id: path.split('/').pop()!.replace(/\.flowcast\.json$/, ''), load }))
  .sort((a, b) => (a.id === defaultExampleId ? -1 : b.id === defaultExampleId ? 1 : a.id.localeCompare(b.id)));

/** A readable title for an example id: "regional-distributor-current" -> "Regional distributor current". */
export function exampleTitle(id: string): string {
  const words = id.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Hard limits of the format, so that a hostile or broken file cannot exhaust memory or freeze the studio.
 * Documented in docs/model-format.md ("Limits"); a model past one gets an error naming the place.
 */
export const limits = {
  /** Largest model file accepted, in bytes (UTF-16 code units of the text). */
  fileBytes: 20 * 1024 * 1024,
  /** Deepest nesting of JSON objects and arrays. */
  depth: 64,
  nodes: 5_000,
  edges: 20_000,
  sites: 200,
  /** Entries in any other list (pools, systems, variants, assumptions, ...). */
  listLength: 1_000,
  idLength: 64,
  nameLength: 200,
  textLength: 10_000,
  poolCapacity: 100_000,
  replications: 10_000,
  /** Longest simulated horizon, in days (ten years). */
  horizonDays: 3_660,
  /** Default guard of the engine: orders in the system at once before a run is stopped as unstable. */
  maxOrdersInSystem: 1_000_000,
} as const;

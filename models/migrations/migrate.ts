import type { ModelFinding } from '../findings';
import { cloneJson, isPlainObject } from '../patch';
import { CURRENT_FORMAT_VERSION } from '../workflow';
import { formatMigrations } from './versions';

/**
 * One step of the format's history: turns a document of version `from` into one of version `from + 1`.
 * Steps are pure functions on plain JSON, named after what changed (tldraw's migration style).
 */
export interface FormatMigration {
  from: number;
  name: string;
  up: (document: Record<string, unknown>) => Record<string, unknown>;
}

export interface MigrationResult {
  document?: Record<string, unknown>;
  /** Names of the steps applied, oldest first. */
  applied: string[];
  findings: ModelFinding[];
}

/**
 * Brings a parsed document up to `targetVersion` by running each step in order.
 * A document newer than the target, or with no usable version, is refused with a finding (never guessed at).
 */
export function migrateDocument(
  input: unknown,
  migrations: readonly FormatMigration[] = formatMigrations,
  targetVersion: number = CURRENT_FORMAT_VERSION,
): MigrationResult {
  if (!isPlainObject(input)) {
    return { applied: [], findings: [{ severity: 'error', code: 'not-an-object', path: '', message: 'A model file must hold one JSON object.' }] };
  }
  const version = input.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return {
      applied: [],
      findings: [{ severity: 'error', code: 'format-version', path: 'formatVersion', message: `formatVersion must be a whole number; this file has ${typeof version === 'number' ? String(version) : (JSON.stringify(version) ?? 'none')}.` }],
    };
  }
  if (version > targetVersion) {
    return {
      applied: [],
      findings: [{ severity: 'error', code: 'format-too-new', path: 'formatVersion', message: `This file is format version ${version}, newer than this Flowcast understands (${targetVersion}). Update Flowcast to open it.` }],
    };
  }
  let document: Record<string, unknown> = cloneJson(input);
  const applied: string[] = [];
  for (let v = version; v < targetVersion; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) {
      return { applied, findings: [{ severity: 'error', code: 'no-migration', path: 'formatVersion', message: `No migration from format version ${v} to ${v + 1}.` }] };
    }
    try {
      document = { ...step.up(document), formatVersion: v + 1 };
    } catch (error) {
      return { applied, findings: [{ severity: 'error', code: 'migration-failed', path: '', message: `Migration "${step.name}" (v${v} to v${v + 1}) failed: ${String(error)}` }] };
    }
    applied.push(step.name);
  }
  return { document, applied, findings: [] };
}

import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { formatPath, hasErrors, type ModelFinding } from './findings';
import { limits } from './limits';
import { migrateDocument } from './migrations/migrate';
import { cloneJson, deepMerge, isPlainObject } from './patch';
import { validateSemantics } from './validate';
import { nodeSchema, poolSchema, systemSchema, workflowSchema, type Workflow, type VariantPatch } from './workflow';

/** The result of loading: the model when it has no errors, and every finding (warnings too). */
export interface LoadResult {
  model?: Workflow;
  findings: ModelFinding[];
  /** Migration steps applied to bring an older file up to date. */
  migrated: string[];
}

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Loads a model from the text of a file: size limit, JSON syntax (with line and column), dangerous keys,
 * then everything `loadModel` does. Never throws.
 * @example const { model, findings } = loadModelText(await file.text());
 */
export function loadModelText(text: string): LoadResult {
  if (typeof text !== 'string') return fail('not-text', '', 'A model file must be text.');
  if (text.length > limits.fileBytes)
    return fail('file-too-large', '', `The file is ${(text.length / 1048576).toFixed(1)} MB; model files may be at most ${limits.fileBytes / 1048576} MB.`);
  // Windows editors often start UTF-8 files with a byte-order mark; it is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail('json-syntax', '', `The file is not valid JSON: ${describeJsonError(text, error)}.`);
  }
  return loadModel(parsed);
}

/**
 * Loads a model from parsed JSON: refuses dangerous keys and absurd nesting, migrates an older format,
 * checks the shape (unknown keys, types, ranges) and then the meaning (references, graph, probabilities).
 * Site overrides and variants are applied and checked too, so that every variant of a valid model runs.
 */
export function loadModel(input: unknown): LoadResult {
  const structural = scanStructure(input);
  if (structural.length > 0) return { findings: structural, migrated: [] };
  const migration = migrateDocument(input);
  if (!migration.document) return { findings: migration.findings, migrated: migration.applied };
  const shaped = workflowSchema.safeParse(migration.document);
  if (!shaped.success) return { findings: zodFindings(shaped.error, '', migration.document), migrated: migration.applied };
  const model = shaped.data;
  const findings = [...validateSemantics(model), ...checkOverrides(model)];
  if (!hasErrors(findings)) findings.push(...checkVariants(model));
  return hasErrors(findings) ? { findings, migrated: migration.applied } : { model, findings, migrated: migration.applied };
}

function fail(code: string, path: string, message: string): LoadResult {
  return { findings: [{ severity: 'error', code, path, message }], migrated: [] };
}

/** Locates the first syntax error with jsonc-parser (strict JSON: no comments, no trailing commas). */
function describeJsonError(text: string, error: unknown): string {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const reason = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${reason} at line ${line}, column ${column}`;
}

/** Finds `__proto__`/`constructor`/`prototype` keys and nesting past the limit, with their paths. */
function scanStructure(input: unknown): ModelFinding[] {
  const findings: ModelFinding[] = [];
  const walk = (value: unknown, path: PropertyKey[], depth: number): void => {
    if (findings.length >= 20 || typeof value !== 'object' || value === null) return;
    if (depth > limits.depth) {
      findings.push({ severity: 'error', code: 'too-deep', path: formatPath(path), message: `The file nests deeper than ${limits.depth} levels.` });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    for (const key of Object.keys(value)) {
      if (forbiddenKeys.has(key)) {
        findings.push({ severity: 'error', code: 'forbidden-key', path: formatPath([...path, key]), message: `The key "${key}" is not allowed in a model file.` });
        continue;
      }
      walk((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
  };
  walk(input, [], 0);
  return findings;
}

/** Turns zod issues into findings with readable paths and node ids. */
function zodFindings(error: z.ZodError, prefix: string, document?: unknown): ModelFinding[] {
  return error.issues.slice(0, 200).map((issue) => {
    const path = joinPath(prefix, formatPath(issue.path));
    const finding: ModelFinding = { severity: 'error', code: 'shape', path, message: issueMessage(issue) };
    const nodeId = nodeIdAt(document, issue.path);
    if (nodeId !== undefined) finding.nodeId = nodeId;
    return finding;
  });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') return `Unknown kind; expected one of the documented kinds.`;
  return issue.message;
}

function nodeIdAt(document: unknown, path: ReadonlyArray<PropertyKey>): string | undefined {
  if (!isPlainObject(document) || path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const nodes = document.nodes;
  if (!Array.isArray(nodes)) return undefined;
  const node: unknown = nodes[path[1]];
  return isPlainObject(node) && typeof node.id === 'string' ? node.id : undefined;
}

function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

// ---------------------------------------------------------------------------------------------- overrides and variants

const overrideSchemas = { node: nodeSchema, pool: poolSchema, system: systemSchema } as const;

/** Each site override must name something that exists and leave it valid. */
function checkOverrides(model: Workflow): ModelFinding[] {
  const findings: ModelFinding[] = [];
  model.sites.forEach((site, i) =>
    site.overrides.forEach((override, j) => {
      const path = `sites[${i}].overrides[${j}]`;
      const list = listFor(model, override.target);
      const targetIndex = list.findIndex((item) => item.id === override.id);
      if (targetIndex < 0) {
        findings.push({ severity: 'error', code: 'unknown-override-target', path: `${path}.id`, message: `Site "${site.name}" overrides ${override.target} "${override.id}", which is not defined.` });
        return;
      }
      if ('id' in override.set || 'kind' in override.set) {
        findings.push({ severity: 'error', code: 'override-identity', path: `${path}.set`, message: 'An override may not change an id or a kind.' });
        return;
      }
      const merged = deepMerge(list[targetIndex], override.set);
      const result = overrideSchemas[override.target].safeParse(merged);
      if (!result.success) findings.push(...zodFindings(result.error, `${path}.set`));
    }),
  );
  return findings;
}

function listFor(model: Workflow, target: VariantPatch['target']): ReadonlyArray<{ id: string }> {
  switch (target) {
    case 'node':
      return model.nodes;
    case 'edge':
      return model.edges;
    case 'pool':
      return model.pools;
    case 'system':
      return model.systems;
    case 'site':
      return model.sites;
    case 'calendar':
      return model.calendars;
    case 'sla':
      return model.slas;
    case 'run':
    case 'customers':
    case 'finance':
      return [];
  }
}

/** Every variant is applied and the result validated; its findings are reported under `variants[i]`. */
function checkVariants(model: Workflow): ModelFinding[] {
  const findings: ModelFinding[] = [];
  model.variants.forEach((variant, i) => {
    const result = applyVariant(model, variant.id);
    for (const f of result.findings) {
      if (f.severity !== 'error') continue;
      findings.push({ ...f, path: f.path.startsWith('variants[') ? f.path : `variants[${i}] (${variant.id}): ${f.path}`, message: `In variant "${variant.name}": ${f.message}` });
    }
  });
  return findings;
}

/**
 * Returns the model with a variant's patches applied (and the variant list emptied), validated again.
 * @example const peak = applyVariant(model, 'peak').model;
 */
export function applyVariant(model: Workflow, variantId: string): LoadResult {
  const index = model.variants.findIndex((v) => v.id === variantId);
  if (index < 0) return fail('unknown-variant', 'variants', `There is no variant "${variantId}" (known: ${model.variants.map((v) => v.id).join(', ') || 'none'}).`);
  const variant = model.variants[index];
  const document = cloneJson(model) as Workflow;
  const findings: ModelFinding[] = [];
  variant.patches.forEach((patch, j) => {
    const path = `variants[${index}].patches[${j}]`;
    if (patch.target === 'run') {
      document.run = deepMerge(document.run, patch.set);
      return;
    }
    if (patch.target === 'finance') {
      document.finance = deepMerge(document.finance, patch.set);
      return;
    }
    if (patch.target === 'customers') {
      document.customers = document.customers ? deepMerge(document.customers, patch.set) : (cloneJson(patch.set) as unknown as Workflow['customers']);
      return;
    }
    const list = listFor(document, patch.target) as Array<{ id: string }>;
    const k = list.findIndex((item) => item.id === patch.id);
    if (k < 0) {
      findings.push({ severity: 'error', code: 'unknown-patch-target', path: `${path}.id`, message: `Variant "${variant.name}" changes ${patch.target} "${patch.id ?? ''}", which is not defined.` });
      return;
    }
    if ('id' in patch.set) {
      findings.push({ severity: 'error', code: 'patch-identity', path: `${path}.set.id`, message: 'A variant may not change an id.' });
      return;
    }
    list[k] = deepMerge(list[k], patch.set);
  });
  if (findings.length > 0) return { findings, migrated: [] };
  document.variants = [];
  const reparsed = workflowSchema.safeParse(document);
  if (!reparsed.success) return { findings: zodFindings(reparsed.error, `variants[${index}]`), migrated: [] };
  const semantic = [...validateSemantics(reparsed.data), ...checkOverrides(reparsed.data)];
  return hasErrors(semantic) ? { findings: semantic, migrated: [] } : { model: reparsed.data, findings: semantic, migrated: [] };
}

/**
 * The model as seen from one site: that site's overrides merged into nodes, pools and systems.
 * Only call on a validated model (overrides are then known to be valid).
 */
export function resolveSite(model: Workflow, siteId: string): Workflow {
  const site = model.sites.find((s) => s.id === siteId);
  if (!site || site.overrides.length === 0) return model;
  const resolved: Workflow = { ...model, nodes: [...model.nodes], pools: [...model.pools], systems: [...model.systems] };
  for (const override of site.overrides) {
    const list = (override.target === 'node' ? resolved.nodes : override.target === 'pool' ? resolved.pools : resolved.systems) as Array<{ id: string }>;
    const k = list.findIndex((item) => item.id === override.id);
    if (k >= 0) list[k] = overrideSchemas[override.target].parse(deepMerge(list[k], override.set));
  }
  return resolved;
}

/** The one public surface of `models/`: the language of Flowcast. */
export * from './units';
export * from './distributions';
export * from './workflow';
export * from './findings';
export * from './limits';
export * from './patch';
export { validateSemantics, allowedEdgeKinds } from './validate';
export { loadModel, loadModelText, applyVariant, resolveSite, type LoadResult } from './load';
export { migrateDocument, type FormatMigration, type MigrationResult } from './migrations/migrate';
export { formatMigrations } from './migrations/versions';
export { modelJsonSchema } from './jsonSchema';
export * from './templates';

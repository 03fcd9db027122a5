import type { FormatMigration } from './migrate';

/**
 * The format's history, one named step per version bump. Version 1 is the first published format, so the
 * chain is empty; the next bump adds `{ from: 1, name: 'AddOrderLines', up }` here and a fixture of a v1 file
 * under test/fixtures/old-versions/. The mechanism itself is tested with a synthetic history.
 */
export const formatMigrations: readonly FormatMigration[] = [];

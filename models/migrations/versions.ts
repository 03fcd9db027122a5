import { isPlainObject } from '../patch';
import type { FormatMigration } from './migrate';

/**
 * The format's history, one named step per version bump, oldest first. Each step has a fixture of a file of its
 * `from` version under test/fixtures/old-versions/ that must load and simulate as before.
 */
export const formatMigrations: readonly FormatMigration[] = [
  {
    from: 1,
    name: 'OrderValueBecomesValuePerOrderOrLine',
    // v1 drew one `orderValue` per order; v2's `value` says whether it is drawn per order or per line. A v1 value is
    // a value per order, so the model simulates exactly as before. Everything else v2 added is optional.
    up: (document) => {
      const nodes = Array.isArray(document.nodes) ? document.nodes : document.nodes;
      if (!Array.isArray(nodes)) return document;
      return {
        ...document,
        nodes: nodes.map((node: unknown) => {
          if (!isPlainObject(node) || node.kind !== 'source' || !('orderValue' in node)) return node;
          const { orderValue, ...rest } = node;
          return { ...rest, value: { per: 'order', distribution: orderValue } };
        }),
      };
    },
  },
];

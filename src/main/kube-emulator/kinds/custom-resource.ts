/**
 * Custom resources as the API server serves them from a CRD: merge and JSON patch only, generation on any
 * change outside metadata and status (with the status subresource), list items with kind and apiVersion,
 * and table columns from the CRD's additionalPrinterColumns (a `date` column printed as an age).
 */
import { isJsonObject, type JsonValue } from '../json';
import type { KubeObject } from '../object-meta';
import { metadataOnlyPatchSchema } from '../patch/patch-schemas';
import { ALL_VERBS, type ResourceType, type TableColumn } from '../resource-type';
import { NAME_COLUMN, humanDuration } from '../tables';

export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'date' | 'number' | 'boolean';
  readonly jsonPath: string;
  readonly description?: string;
}

export interface CustomResourceDefinition {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly categories?: readonly string[];
  readonly namespaced: boolean;
  readonly printerColumns: readonly PrinterColumn[];
  readonly subresources: readonly ('status' | 'scale')[];
  readonly validate?: ResourceType['validate'];
  readonly scaleSelector?: (object: KubeObject) => string;
}

export function customResourceType(definition: CustomResourceDefinition): ResourceType {
  const columns: TableColumn[] = [
    NAME_COLUMN,
    ...definition.printerColumns.map((column) => ({ name: column.name, type: column.type, description: column.description ?? '' }))
  ];
  return {
    group: definition.group,
    version: definition.version,
    resource: definition.plural,
    singular: definition.singular,
    kind: definition.kind,
    namespaced: definition.namespaced,
    shortNames: definition.shortNames,
    categories: definition.categories ?? [],
    verbs: ALL_VERBS,
    subresources: definition.subresources,
    builtIn: false,
    patchSchema: metadataOnlyPatchSchema,
    generation: 'all-but-metadata-and-status',
    ...(definition.validate ? { validate: definition.validate } : {}),
    ...(definition.scaleSelector ? { scale: { selector: definition.scaleSelector } } : {}),
    table: {
      columns,
      cells: (object, now) => [
        String(valueAtPath(object, '.metadata.name') ?? ''),
        ...definition.printerColumns.map((column) => cell(valueAtPath(object, column.jsonPath), column.type, now))
      ]
    }
  };
}

function cell(value: JsonValue | undefined, type: PrinterColumn['type'], now: Date): JsonValue {
  if (value === undefined || value === null) return null;
  if (type === 'date' && typeof value === 'string') return humanDuration(now.getTime() - Date.parse(value));
  return value;
}

/** The simple JSONPath of printer columns: `.a.b.c`. */
function valueAtPath(object: KubeObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = object;
  for (const key of path.split('.').filter((part) => part !== '')) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

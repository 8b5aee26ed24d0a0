import { Kind } from 'graphql';
import type { ConstDirectiveNode, DirectiveNode, DocumentNode } from 'graphql';
import type { FeatureNames } from './supergraph-features';

/** `@listSize` of a field (Federation demand control, `cost/v0.1`). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments: string[];
  sizedFields: string[];
  requireOneSlicingArgument: boolean;
}

/** `@cost` weights by coordinate (`Type` or `Type.field`) and `@listSize` by field coordinate. */
export interface CostPolicy {
  weights: ReadonlyMap<string, number>;
  listSizes: ReadonlyMap<string, ListSize>;
}

function arg(directive: ConstDirectiveNode | DirectiveNode, name: string) {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function strings(directive: ConstDirectiveNode, name: string): string[] {
  const value = arg(directive, name);
  return value?.kind === Kind.LIST ? value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [];
}

function readListSize(directive: ConstDirectiveNode): ListSize {
  const assumed = arg(directive, 'assumedSize');
  const requireOne = arg(directive, 'requireOneSlicingArgument');
  return {
    assumedSize: assumed?.kind === Kind.INT ? Number(assumed.value) : undefined,
    slicingArguments: strings(directive, 'slicingArguments'),
    sizedFields: strings(directive, 'sizedFields'),
    requireOneSlicingArgument: requireOne?.kind === Kind.BOOLEAN ? requireOne.value : true,
  };
}

/** Reads `@cost` (types and fields) and `@listSize` (fields) from the composed supergraph. */
export function readCostPolicy(document: DocumentNode, names: FeatureNames): CostPolicy {
  const weights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  const weightOf = (directives: ReadonlyArray<ConstDirectiveNode | DirectiveNode> | undefined) => {
    const cost = directives?.find((d) => d.name.value === names.cost);
    const weight = cost && arg(cost, 'weight');
    return weight?.kind === Kind.INT ? Number(weight.value) : undefined;
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) weights.set(typeName, typeWeight);
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${typeName}.${field.name.value}`;
      const fieldWeight = weightOf(field.directives);
      if (fieldWeight !== undefined) weights.set(coordinate, fieldWeight);
      const listSize = field.directives?.find((d) => d.name.value === names.listSize);
      if (listSize) listSizes.set(coordinate, readListSize(listSize));
    }
  }
  return { weights, listSizes };
}

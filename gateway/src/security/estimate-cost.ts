import { Kind, getNamedType, getNullableType, isCompositeType, isListType } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLField, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { CostPolicy, ListSize } from './cost-policy';

/** Size assumed for a list field without `@listSize` (Apollo Router's default static estimate). */
export const DEFAULT_LIST_SIZE = 10;
/** Weight of each root mutation field (Apollo demand control default). */
export const MUTATION_WEIGHT = 10;

interface Walk {
  schema: GraphQLSchema;
  policy: CostPolicy;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  mutationType: string | undefined;
}

function listSizeOf(walk: Walk, field: FieldNode, def: GraphQLField<unknown, unknown>, listSize: ListSize | undefined): number {
  if (!listSize) return DEFAULT_LIST_SIZE;
  if (listSize.slicingArguments.length > 0) {
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(def, field, walk.variables);
    } catch {
      args = {};
    }
    const sizes = listSize.slicingArguments.map((name) => args[name]).filter((v): v is number => typeof v === 'number');
    if (sizes.length > 0) return Math.max(0, ...sizes);
  }
  return listSize.assumedSize ?? DEFAULT_LIST_SIZE;
}

function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, sized: ReadonlyMap<string, number>, seen: ReadonlySet<string>): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(walk, selection, parent, sized);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) total += selectionCost(walk, selection.selectionSet, type, sized, seen);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && type && isCompositeType(type) && !seen.has(fragment.name.value)) {
        total += selectionCost(walk, fragment.selectionSet, type, sized, new Set([...seen, fragment.name.value]));
      }
    }
  }
  return total;
}

function fieldCost(walk: Walk, field: FieldNode, parent: GraphQLCompositeType, sized: ReadonlyMap<string, number>): number {
  if (field.name.value.startsWith('__') || !('getFields' in parent)) return 0;
  const def = parent.getFields()[field.name.value];
  if (!def) return 0;
  const coordinate = `${parent.name}.${def.name}`;
  const named = getNamedType(def.type);
  const defaultWeight = parent.name === walk.mutationType ? MUTATION_WEIGHT : isCompositeType(named) ? 1 : 0;
  const weight = walk.policy.weights.get(coordinate) ?? walk.policy.weights.get(named.name) ?? defaultWeight;
  const listSize = walk.policy.listSizes.get(coordinate);
  const childSized = new Map<string, number>();
  if (listSize && listSize.sizedFields.length > 0) {
    const size = listSizeOf(walk, field, def, listSize);
    for (const name of listSize.sizedFields) childSized.set(name, size);
  }
  const children = field.selectionSet && isCompositeType(named) ? selectionCost(walk, field.selectionSet, named, childSized, new Set()) : 0;
  if (!isListType(getNullableType(def.type))) return weight + children;
  const size = sized.get(def.name) ?? (listSize && listSize.sizedFields.length === 0 ? listSizeOf(walk, field, def, listSize) : DEFAULT_LIST_SIZE);
  return size * (weight + children);
}

/**
 * Static cost of an operation from the supergraph's demand-control directives, as Apollo
 * Router's demand control and the IBM GraphQL Cost Directives spec define it: an object field
 * costs 1 (a root mutation field 10), a scalar or enum 0, `@cost(weight)` overrides either; a
 * list multiplies its items' cost by its size: the value of a `@listSize` slicing argument
 * (`first`, defaults included), else `assumedSize`, else {@link DEFAULT_LIST_SIZE};
 * `sizedFields` (e.g. a connection's `edges`) take the slicing size of their parent field.
 *
 * @param variables the request's variables (slicing arguments may be variables)
 * @returns the estimated cost (unitless; comparable with `COST_LIMIT`)
 */
export function estimateCost(
  schema: GraphQLSchema,
  policy: CostPolicy,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walk: Walk = { schema, policy, variables, fragments, mutationType: schema.getMutationType()?.name };
  return selectionCost(walk, operation.selectionSet, root, new Map(), new Set());
}

import { GraphQLError, Kind, getOperationAST, print, visit } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { BridgeEvent, EventFieldSpec } from './event-fields';

/**
 * What the bridge needs to serve one subscription operation: its root field, arguments, the
 * query resolving the selected entity fields through the supergraph, and how to shape a result.
 */
export interface SubscriptionPlan {
  fieldName: string;
  responseKey: string;
  args: Record<string, unknown>;
  spec: EventFieldSpec;
  /** Root-field query with `$__key` for the entity id, or null when only event fields are selected. */
  entityQuery: string | null;
  /** Variables of the entity query, except `__key`. */
  entityVariables: Record<string, unknown>;
  /** Builds the `data` of one event from the resolved entity aliases. */
  shape(event: BridgeEvent, entities: Record<string, unknown>): Record<string, unknown>;
}

type Fragments = Record<string, FragmentDefinitionNode>;

function entityFieldNodes(selectionSet: SelectionSetNode, fragments: Fragments, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value === name) found.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) found.push(...entityFieldNodes(selection.selectionSet, fragments, name));
    else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments[selection.name.value];
      if (fragment) found.push(...entityFieldNodes(fragment.selectionSet, fragments, name));
    }
  }
  return found;
}

function usedNames(nodes: Array<SelectionSetNode | FragmentDefinitionNode>, fragments: Fragments) {
  const fragmentNames = new Set<string>();
  const variableNames = new Set<string>();
  const queue = [...nodes];
  while (queue.length > 0) {
    const node = queue.pop()!;
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments[spread.name.value];
        if (fragment && !fragmentNames.has(spread.name.value)) {
          fragmentNames.add(spread.name.value);
          queue.push(fragment);
        }
      },
      Variable(variable) {
        variableNames.add(variable.name.value);
      },
    });
  }
  return { fragmentNames, variableNames };
}

const responseKeyOf = (field: FieldNode) => field.alias?.value ?? field.name.value;

/**
 * Plans a validated subscription operation against the supergraph's API schema.
 *
 * @throws {GraphQLError} (`BAD_USER_INPUT`) when the operation is not a single-field subscription
 *   served by the bridge
 */
export function planSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variableValues: Record<string, unknown>,
  specs: Readonly<Record<string, EventFieldSpec>>,
): SubscriptionPlan {
  const operation = getOperationAST(document, operationName);
  const root = operation?.selectionSet.selections[0];
  if (!operation || operation.operation !== 'subscription' || root?.kind !== Kind.FIELD) {
    throw new GraphQLError('Expected a subscription with one root field', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const spec = specs[root.name.value];
  const fieldDef = schema.getSubscriptionType()?.getFields()[root.name.value];
  if (!spec || !fieldDef) {
    throw new GraphQLError(`Subscription field ${root.name.value} is not served`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const args = getArgumentValues(fieldDef, root, variableValues);
  const fragments: Fragments = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;

  const entityNodes: Array<{ alias: string; selectionSet: SelectionSetNode }> = [];
  if (spec.entityField === null) {
    if (root.selectionSet) entityNodes.push({ alias: responseKeyOf(root), selectionSet: root.selectionSet });
  } else if (root.selectionSet) {
    for (const node of entityFieldNodes(root.selectionSet, fragments, spec.entityField)) {
      if (node.selectionSet) entityNodes.push({ alias: responseKeyOf(node), selectionSet: node.selectionSet });
    }
  }

  let entityQuery: string | null = null;
  const entityVariables: Record<string, unknown> = {};
  if (entityNodes.length > 0) {
    const { fragmentNames, variableNames } = usedNames(entityNodes.map((n) => n.selectionSet), fragments);
    const variableDefs = (operation.variableDefinitions ?? []).filter((def) => variableNames.has(def.variable.name.value));
    for (const def of variableDefs) entityVariables[def.variable.name.value] = variableValues[def.variable.name.value];
    const header = ['$__key: ID!', ...variableDefs.map((def) => print(def))].join(', ');
    const fields = entityNodes.map((n) => `${n.alias}: ${spec.rootQuery}(id: $__key) ${print(n.selectionSet)}`).join('\n');
    const fragmentText = [...fragmentNames].map((name) => print(fragments[name]!)).join('\n');
    entityQuery = `query SubscriptionEntity(${header}) {\n${fields}\n}\n${fragmentText}`;
  }

  const eventTypeName = fieldDef.type.toString().replace(/[![\]]/g, '');
  const shapeObject = (selectionSet: SelectionSetNode, event: BridgeEvent, entities: Record<string, unknown>, out: Record<string, unknown>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = responseKeyOf(selection);
        const name = selection.name.value;
        if (name === '__typename') out[key] = eventTypeName;
        else if (name === spec.entityField) out[key] = entities[key] ?? null;
        else if (name === 'type') out[key] = event.type ?? null;
        else if (name === 'delta') out[key] = event.delta ?? null;
        else if (name === 'text') out[key] = event.text ?? null;
        else if (name === 'status') out[key] = event.status ?? null;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        shapeObject(selection.selectionSet, event, entities, out);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment) shapeObject(fragment.selectionSet, event, entities, out);
      }
    }
    return out;
  };

  return {
    fieldName: root.name.value,
    responseKey: responseKeyOf(root),
    args,
    spec,
    entityQuery,
    entityVariables,
    shape(event, entities) {
      if (spec.entityField === null) return { [responseKeyOf(root)]: entities[responseKeyOf(root)] ?? null };
      return { [responseKeyOf(root)]: root.selectionSet ? shapeObject(root.selectionSet, event, entities, {}) : null };
    },
  };
}

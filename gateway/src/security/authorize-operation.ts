import { GraphQLError, Kind, TypeInfo, getNamedType, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Principal } from '../../../lib/auth';
import { scopesSatisfy } from './access-policy';
import type { AccessPolicy, AccessRequirement } from './access-policy';

/** A field the caller may not use, and what it requires. */
export interface Denial {
  /** Schema coordinate, e.g. `Mutation.createPersona`. */
  coordinate: string;
  /** Scope alternatives the field (or its type) requires. */
  requiredScopes: string[][];
}

/** The operation's own definition plus every fragment it spreads, transitively. */
export function reachableDefinitions(document: DocumentNode, operation: OperationDefinitionNode): Array<OperationDefinitionNode | FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const reached: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  const seen = new Set<string>();
  for (let i = 0; i < reached.length; i++) {
    visit(reached[i]!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !seen.has(spread.name.value)) {
          seen.add(spread.name.value);
          reached.push(fragment);
        }
      },
    });
  }
  return reached;
}

/**
 * Lists the fields of an operation that the caller may not use, by the supergraph's
 * `@authenticated` / `@requiresScopes` (a field needs its own requirement and its return type's).
 * Covers queries, mutations and subscriptions alike.
 *
 * @param principal null for an anonymous caller (only unannotated fields are allowed)
 * @returns the denied fields, empty when the operation is allowed
 */
export function findDenials(
  schema: GraphQLSchema,
  policy: AccessPolicy,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  principal: Principal | null,
): Denial[] {
  const denials = new Map<string, Denial>();
  const allowed = (requirement: AccessRequirement | undefined) =>
    !requirement || (principal !== null && scopesSatisfy(requirement, principal.scopes));
  const typeInfo = new TypeInfo(schema);
  for (const definition of reachableDefinitions(document, operation)) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field) return;
          const coordinate = `${parent.name}.${field.name}`;
          const returnType = getNamedType(field.type).name;
          for (const requirement of [policy.get(coordinate), policy.get(returnType)]) {
            if (!allowed(requirement)) denials.set(coordinate, { coordinate, requiredScopes: requirement!.scopes });
          }
        },
      }),
    );
  }
  return [...denials.values()];
}

/**
 * The `FORBIDDEN` (or, without a principal, `UNAUTHENTICATED`) error for denied fields; nothing
 * of the operation is executed.
 */
export function denialError(denials: Denial[], principal: Principal | null): GraphQLError {
  const fields = denials.map((d) => d.coordinate).join(', ');
  if (!principal) {
    return new GraphQLError(`Authentication required for ${fields}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
  const scopes = [...new Set(denials.flatMap((d) => d.requiredScopes.map((set) => set.join(' AND '))))];
  return new GraphQLError(`Not allowed: ${fields} needs scope ${scopes.join(' or ')}`, {
    extensions: { code: 'FORBIDDEN', fields: denials.map((d) => d.coordinate), requiredScopes: denials.flatMap((d) => d.requiredScopes), http: { status: 403 } },
  });
}

import { Kind } from 'graphql';
import type { ConstDirectiveNode, DocumentNode } from 'graphql';
import type { FeatureNames } from './supergraph-features';

/**
 * What a schema coordinate requires (Federation `@authenticated` / `@requiresScopes` semantics,
 * as Apollo Router defines them): `authenticated` a valid token; `scopes` alternatives of scope
 * sets, `[["a", "b"], ["c"]]` meaning (a AND b) OR c.
 */
export interface AccessRequirement {
  authenticated: boolean;
  scopes: string[][];
}

/**
 * Access requirements of a supergraph by schema coordinate: `Type` (any field returning the
 * type needs it) and `Type.field`.
 */
export type AccessPolicy = ReadonlyMap<string, AccessRequirement>;

function scopesOf(directive: ConstDirectiveNode): string[][] {
  const value = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((set) => (set.kind === Kind.LIST ? set.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : []));
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined, names: FeatureNames): AccessRequirement | null {
  const own = (directives ?? []).filter((d) => d.name.value === names.authenticated || d.name.value === names.requiresScopes);
  if (own.length === 0) return null;
  return { authenticated: true, scopes: own.filter((d) => d.name.value === names.requiresScopes).flatMap(scopesOf) };
}

/**
 * Reads `@authenticated` and `@requiresScopes` from the composed supergraph (types, interfaces,
 * scalars, enums and fields).
 */
export function readAccessPolicy(document: DocumentNode, names: FeatureNames): AccessPolicy {
  const policy = new Map<string, AccessRequirement>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.SCALAR_TYPE_DEFINITION &&
      definition.kind !== Kind.ENUM_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    const typeRequirement = requirementOf(definition.directives, names);
    if (typeRequirement) policy.set(typeName, typeRequirement);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) {
        const requirement = requirementOf(field.directives, names);
        if (requirement) policy.set(`${typeName}.${field.name.value}`, requirement);
      }
    }
  }
  return policy;
}

/**
 * True when the scopes satisfy a requirement: no scope alternatives, or every scope of at least
 * one alternative granted.
 */
export function scopesSatisfy(requirement: AccessRequirement, granted: ReadonlySet<string>): boolean {
  return requirement.scopes.length === 0 || requirement.scopes.some((set) => set.every((scope) => granted.has(scope)));
}

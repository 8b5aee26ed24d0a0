import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { Kind, parse, print, visit } from 'graphql';
import type { ConstDirectiveNode, DocumentNode, ValueNode } from 'graphql';

/** Feature URLs the gateway's own layers implement on top of `@apollo/gateway`. */
export const AUTHENTICATED_FEATURE = 'https://specs.apollo.dev/authenticated/v0.1';
export const REQUIRES_SCOPES_FEATURE = 'https://specs.apollo.dev/requiresScopes/v0.1';
export const COST_FEATURE = 'https://specs.apollo.dev/cost/v0.1';

/** Features this gateway accepts in a supergraph: `@apollo/gateway`'s own, plus auth and cost. */
export const GATEWAY_SUPPORTED_FEATURES: ReadonlySet<string> = new Set([
  ...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES,
  AUTHENTICATED_FEATURE,
  REQUIRES_SCOPES_FEATURE,
  COST_FEATURE,
]);

/** Thrown when a supergraph links a feature for SECURITY or EXECUTION that nothing here enforces. */
export class UnsupportedSupergraphError extends Error {
  override readonly name = 'UnsupportedSupergraphError';
}

/** A `@link` of the supergraph: its URL and the local names of its directives. */
interface LinkedFeature {
  url: string;
  /** Local name of the feature's own directive (`as`, else the feature name). */
  localName: string;
  /** Imported directive names, original -> local (without `@`). */
  imports: Map<string, string>;
}

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function importsOf(value: ValueNode | undefined): Map<string, string> {
  const imports = new Map<string, string>();
  if (value?.kind !== Kind.LIST) return imports;
  for (const item of value.values) {
    if (item.kind === Kind.STRING) imports.set(item.value.replace(/^@/, ''), item.value.replace(/^@/, ''));
    if (item.kind === Kind.OBJECT) {
      const field = (n: string) => item.fields.find((f) => f.name.value === n)?.value;
      const name = field('name');
      const as = field('as');
      if (name?.kind === Kind.STRING) imports.set(name.value.replace(/^@/, ''), (as?.kind === Kind.STRING ? as.value : name.value).replace(/^@/, ''));
    }
  }
  return imports;
}

function linkedFeatures(document: DocumentNode): LinkedFeature[] {
  const features: LinkedFeature[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = stringArg(directive, 'url');
      if (!url) continue;
      const featureName = url.split('/').slice(-2, -1)[0] ?? '';
      features.push({
        url,
        localName: stringArg(directive, 'as') ?? featureName,
        imports: importsOf(directive.arguments?.find((a) => a.name.value === 'import')?.value),
      });
    }
  }
  return features;
}

/** Local directive names of the auth and cost features in one supergraph (absent when not linked). */
export interface FeatureNames {
  authenticated?: string;
  requiresScopes?: string;
  cost?: string;
  listSize?: string;
}

/** A supergraph read for the gateway: the full document, and the one `@apollo/gateway` can load. */
export interface LoadedSupergraph {
  /** The composed supergraph, directives included (read by the auth and cost layers). */
  document: DocumentNode;
  /** Local names of the `@authenticated`, `@requiresScopes`, `@cost` and `@listSize` directives. */
  names: FeatureNames;
  /** The supergraph without the auth features, for `@apollo/gateway` (which refuses them). */
  executableSdl: string;
}

/**
 * Reads a composed supergraph for the gateway. Validates it with `Supergraph.build` from
 * `@apollo/federation-internals` against {@link GATEWAY_SUPPORTED_FEATURES}, so that a
 * SECURITY or EXECUTION feature nothing here enforces (e.g. `@policy`) stops the gateway from
 * starting, then strips `@authenticated` and `@requiresScopes` (links, definitions, usages and
 * the `requiresScopes__Scope` scalar), which this gateway enforces itself and `@apollo/gateway`
 * does not load. `@cost` / `@listSize` have no purpose and are left for `@apollo/gateway`.
 *
 * @throws {UnsupportedSupergraphError} naming the unsupported feature, or any composition
 *   validation error of `Supergraph.build`
 */
export function loadSupergraphFeatures(sdl: string): LoadedSupergraph {
  const document = parse(sdl);
  try {
    Supergraph.build(document, { supportedFeatures: new Set(GATEWAY_SUPPORTED_FEATURES) });
  } catch (err) {
    throw new UnsupportedSupergraphError(`the supergraph cannot be served: ${(err as Error).message}`);
  }
  const features = linkedFeatures(document);
  const byUrl = (url: string) => features.find((f) => f.url === url);
  const auth = byUrl(AUTHENTICATED_FEATURE);
  const scopes = byUrl(REQUIRES_SCOPES_FEATURE);
  const cost = byUrl(COST_FEATURE);
  const names: FeatureNames = {
    authenticated: auth ? (auth.imports.get('authenticated') ?? auth.localName) : undefined,
    requiresScopes: scopes ? (scopes.imports.get('requiresScopes') ?? scopes.localName) : undefined,
    cost: cost ? (cost.imports.get('cost') ?? cost.localName) : undefined,
    listSize: cost ? (cost.imports.get('listSize') ?? `${cost.localName}__listSize`) : undefined,
  };
  const strippedDirectives = new Set([names.authenticated, names.requiresScopes].filter((n): n is string => Boolean(n)));
  const strippedUrls = new Set([AUTHENTICATED_FEATURE, REQUIRES_SCOPES_FEATURE]);
  const scopeScalar = scopes ? `${scopes.localName}__Scope` : undefined;
  const executable = visit(document, {
    Directive(node) {
      if (strippedDirectives.has(node.name.value)) return null;
      if (node.name.value === 'link') {
        const url = node.arguments?.find((a) => a.name.value === 'url')?.value;
        if (url?.kind === Kind.STRING && strippedUrls.has(url.value)) return null;
      }
      return undefined;
    },
    DirectiveDefinition(node) {
      return strippedDirectives.has(node.name.value) ? null : undefined;
    },
    ScalarTypeDefinition(node) {
      return node.name.value === scopeScalar ? null : undefined;
    },
  });
  return { document, names, executableSdl: print(executable) };
}

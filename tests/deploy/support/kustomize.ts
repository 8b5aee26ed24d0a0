import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One rendered Kubernetes object (its schema is checked elsewhere). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface PatchTarget {
  kind?: string;
  name?: string;
  labelSelector?: string;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  patches?: Array<{ path: string; target?: PatchTarget }>;
  generatorOptions?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
  configMapGenerator?: Array<{ name: string; files?: string[]; literals?: string[]; options?: { labels?: Record<string, string> } }>;
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches', 'generatorOptions', 'configMapGenerator']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass']);

/** Thrown for a kustomization that uses a kustomize feature {@link renderKustomization} does not implement. */
export class UnsupportedKustomizationError extends Error {
  override readonly name = 'UnsupportedKustomizationError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Array<Record<string, unknown> & { name: string }> {
  return Array.isArray(value) && value.every((item) => isObject(item) && typeof item.name === 'string');
}

/**
 * Strategic merge of `patch` into `target` (a copy is returned; neither is changed): maps merge
 * key by key (`null` deletes a key), lists whose items all carry a `name` merge item by item on it
 * (Kubernetes's merge key of containers, env, volumes, ports as used here; the patch's items
 * first, then the target's others, in kustomize's order), other lists and scalars are replaced.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (isObject(target) && isObject(patch)) {
    const merged: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = strategicMerge(target[key], value);
    }
    return merged;
  }
  if (isNamedList(target) && isNamedList(patch) && patch.length > 0) {
    const merged = patch.map((change) => {
      const item = target.find((t) => t.name === change.name);
      return item ? strategicMerge(item, change) : structuredClone(change);
    });
    return [...merged, ...target.filter((item) => !patch.some((p) => p.name === item.name))];
  }
  return structuredClone(patch);
}

/** True when `labels` satisfy an equality-based selector (`a=b,c!=d`; set-based selectors are refused). */
export function matchesLabelSelector(labels: Record<string, string> = {}, selector: string): boolean {
  return selector.split(',').every((term) => {
    const match = /^\s*([\w./-]+)\s*(!=|==|=)\s*([\w./-]*)\s*$/.exec(term);
    if (!match) throw new UnsupportedKustomizationError(`label selector term "${term}" (only key=value and key!=value)`);
    const [, key, op, value] = match;
    return op === '!=' ? labels[key!] !== value : labels[key!] === value;
  });
}

function matchesTarget(manifest: Manifest, target: PatchTarget): boolean {
  return (
    (!target.kind || manifest.kind === target.kind) &&
    (!target.name || manifest.metadata.name === target.name) &&
    (!target.labelSelector || matchesLabelSelector(manifest.metadata.labels, target.labelSelector))
  );
}

function readYaml(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((doc): doc is Manifest => doc !== null);
}

function podSpecs(manifest: Manifest): Array<Record<string, unknown>> {
  const spec = manifest.spec as Record<string, unknown> | undefined;
  const template = spec?.template as { spec?: Record<string, unknown> } | undefined;
  return template?.spec ? [template.spec] : [];
}

function setImages(manifest: Manifest, images: NonNullable<Kustomization['images']>): Manifest {
  for (const podSpec of podSpecs(manifest)) {
    for (const container of [...((podSpec.containers as Array<{ image?: string }>) ?? []), ...((podSpec.initContainers as Array<{ image?: string }>) ?? [])]) {
      const name = container.image?.replace(/[:@].*$/, '');
      const image = images.find((i) => i.name === name);
      if (image) container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
    }
  }
  return manifest;
}

function generateConfigMaps(dir: string, k: Kustomization): Manifest[] {
  return (k.configMapGenerator ?? []).map((generator) => {
    if (!k.generatorOptions?.disableNameSuffixHash) throw new UnsupportedKustomizationError(`configMapGenerator ${generator.name}: name suffix hashes (set generatorOptions.disableNameSuffixHash)`);
    const data: Record<string, string> = {};
    for (const file of generator.files ?? []) data[basename(file)] = readFileSync(join(dir, file), 'utf8');
    for (const literal of generator.literals ?? []) {
      const [key, ...value] = literal.split('=');
      data[key!] = value.join('=');
    }
    const labels = { ...k.generatorOptions.labels, ...generator.options?.labels };
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name, ...(Object.keys(labels).length ? { labels } : {}) }, data };
  });
}

/**
 * Renders a kustomization directory as `kubectl kustomize <dir>` would, for the subset of
 * kustomize this repository's k8s/ uses: `resources` (YAML files, or directories with their own
 * kustomization, rendered first), `configMapGenerator` (files and literals, without name hashes),
 * `patches` (strategic merge; with a `target` of kind, name and equality label selector, else
 * matched by the patch's own kind and name), `images` (newName, newTag) and `namespace`.
 * (No kustomize library runs under Jest here and the kustomize binary is not installed with npm;
 * `kubectl kustomize` renders the same output.)
 *
 * @param dir directory holding `kustomization.yaml`
 * @returns the rendered objects, in resource order then generated ones
 * @throws {UnsupportedKustomizationError} for any other kustomization field or form
 * @throws {Error} when a patch without target matches no object
 */
export function renderKustomization(dir: string): Manifest[] {
  const k = readYaml(join(dir, 'kustomization.yaml'))[0] as unknown as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new UnsupportedKustomizationError(`${dir}: ${unsupported.join(', ')}`);
  let manifests: Manifest[] = [];
  for (const resource of k.resources ?? []) {
    const path = join(dir, resource);
    const isDir = existsSync(path) && statSync(path).isDirectory();
    manifests.push(...(isDir ? renderKustomization(path) : readYaml(path)));
  }
  manifests.push(...generateConfigMaps(dir, k));
  for (const { path, target } of k.patches ?? []) {
    for (const patch of readYaml(join(dir, path))) {
      const matches = (m: Manifest) => (target ? matchesTarget(m, target) : m.kind === patch.kind && m.metadata.name === patch.metadata.name);
      if (!manifests.some(matches)) throw new Error(`${dir}: patch ${path} matches no object`);
      // The patch's name only addresses it: it never renames what it patches.
      const { metadata: { name: _name, ...metadata }, apiVersion: _apiVersion, kind: _kind, ...body } = patch;
      manifests = manifests.map((m) => (matches(m) ? (strategicMerge(m, { ...body, metadata }) as Manifest) : m));
    }
  }
  if (k.images) manifests = manifests.map((m) => setImages(structuredClone(m), k.images!));
  if (k.namespace) {
    manifests = manifests.map((m) => (CLUSTER_SCOPED.has(m.kind) ? m : { ...m, metadata: { ...m.metadata, namespace: k.namespace } }));
  }
  return manifests;
}

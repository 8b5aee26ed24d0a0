import { join } from 'node:path';
import { renderKustomization } from './kustomize';
import type { Manifest } from './kustomize';

/** Root of the repository. */
export const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');

/** The kustomizations under k8s/ that can be applied: the two overlays (the base alone lacks its infrastructure). */
export const OVERLAYS = ['dev', 'prod'] as const;

/** An overlay's name. */
export type Overlay = (typeof OVERLAYS)[number];

/** Renders `k8s/overlays/<overlay>` (see {@link renderKustomization}). */
export function renderOverlay(overlay: Overlay): Manifest[] {
  return renderKustomization(join(REPOSITORY_ROOT, 'k8s', 'overlays', overlay));
}

/** Renders `k8s/base`. */
export function renderBase(): Manifest[] {
  return renderKustomization(join(REPOSITORY_ROOT, 'k8s', 'base'));
}

/** The objects of `kind`, in order. */
export function ofKind<T = Manifest>(manifests: Manifest[], kind: string): Array<Manifest & T> {
  return manifests.filter((m) => m.kind === kind) as Array<Manifest & T>;
}

/** The object of `kind` named `name`. @throws {Error} when there is none */
export function named<T = Manifest>(manifests: Manifest[], kind: string, name: string): Manifest & T {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found as Manifest & T;
}

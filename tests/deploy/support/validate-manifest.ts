import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import type { Manifest } from './kustomize';

/** A kubernetes-models class: constructed from a plain object, `validate()` throws on a schema error. */
type Model = new (data: never) => { validate(): void };

/**
 * The schema of each kind the manifests use, by `apiVersion/kind`: Kubernetes 1.x core and apps
 * from `kubernetes-models`, KEDA's from `@kubernetes-models/keda`, prometheus-operator's from
 * `@kubernetes-models/prometheus-operator`. CloudNativePG has no schema package (checked by hand
 * in infrastructure.test.ts).
 */
const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

/** Kinds without a schema package, validated by their own tests. */
export const KINDS_WITHOUT_SCHEMA = new Set(['postgresql.cnpg.io/v1/Cluster']);

/**
 * Validates one rendered object against its kind's OpenAPI schema.
 *
 * @returns the schema errors (empty when valid), each prefixed with `Kind/name`
 * @throws {Error} for a kind that has neither a schema here nor an entry in {@link KINDS_WITHOUT_SCHEMA}
 */
export function schemaErrors(manifest: Manifest): string[] {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  if (KINDS_WITHOUT_SCHEMA.has(key)) return [];
  const model = MODELS[key];
  if (!model) throw new Error(`${manifest.kind}/${manifest.metadata.name}: no schema for ${key}`);
  try {
    new model(manifest as never).validate();
    return [];
  } catch (err) {
    return [`${manifest.kind}/${manifest.metadata.name}: ${(err as Error).message}`];
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT, named, ofKind, renderOverlay } from './support/overlays';

interface NatsValues {
  fullnameOverride: string;
  config: { cluster: { enabled: boolean; replicas: number }; jetstream: { enabled: boolean; fileStore: { enabled: boolean; pvc: { enabled: boolean; size: string } } }; monitor: { enabled: boolean; port: number } };
  service: { ports: { monitor: { enabled: boolean } } };
}
interface CnpgCluster {
  spec: { instances: number; storage: { size: string }; bootstrap: { initdb: { database: string; owner: string } }; affinity?: { enablePodAntiAffinity?: boolean } };
}
type EnvEntry = { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };

const kedaEndpoints = (overlay: 'dev' | 'prod') =>
  new Set(ofKind<{ spec: { triggers: Array<{ metadata: Record<string, string> }> } }>(renderOverlay(overlay), 'ScaledObject').flatMap((s) => s.spec.triggers.map((t) => t.metadata.natsServerMonitoringEndpoint)));

// CloudNativePG and the NATS chart publish no schema package: these checks stand in for one.
describe('the infrastructure of the overlays', () => {
  it('runs NATS with JetStream and its monitoring port in dev, where KEDA and NATS_URL point', () => {
    const manifests = renderOverlay('dev');
    const nats = named<{ spec: { template: { spec: { containers: Array<{ args: string[] }> } } } }>(manifests, 'StatefulSet', 'nats');
    expect(nats.spec.template.spec.containers[0]!.args).toEqual(expect.arrayContaining(['--jetstream', '--http_port=8222']));
    expect(named(manifests, 'Service', 'nats')).toBeDefined();
    expect(named<{ data: Record<string, string> }>(manifests, 'ConfigMap', 'platform-config').data.NATS_URL).toBe('nats://nats:4222');
    expect(kedaEndpoints('dev')).toEqual(new Set(['nats.threads-agent.svc.cluster.local:8222']));
  });

  it('gives the dev Secret every secret key the platform requires', () => {
    const manifests = renderOverlay('dev');
    const secret = named<{ stringData: Record<string, string> }>(manifests, 'Secret', 'platform-secrets');
    const required = ofKind<{ spec: { template: { spec: { containers: Array<{ env?: Array<EnvEntry & { valueFrom?: { secretKeyRef?: { optional?: boolean } } }> }> } } } }>(manifests, 'Deployment')
      .flatMap((d) => d.spec.template.spec.containers.flatMap((c) => c.env ?? []))
      .filter((e) => e.valueFrom?.secretKeyRef?.name === 'platform-secrets' && !e.valueFrom.secretKeyRef.optional)
      .map((e) => e.valueFrom!.secretKeyRef!.key);
    for (const key of required) expect(Object.keys(secret.stringData)).toContain(key);
  });

  it('runs Postgres in prod as a 3-instance CloudNativePG cluster whose application secret is every service’s DATABASE_URL', () => {
    const manifests = renderOverlay('prod');
    const [cluster] = ofKind<CnpgCluster>(manifests, 'Cluster');
    expect(cluster!.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster!.spec.instances).toBeGreaterThanOrEqual(3);
    expect(cluster!.spec.storage.size).toMatch(/^\d+Gi$/);
    expect(cluster!.spec.bootstrap.initdb).toEqual({ database: 'threads_agent', owner: 'threads_agent' });
    expect(cluster!.spec.affinity?.enablePodAntiAffinity).toBe(true);
    const refs = ofKind<{ spec: { template: { spec: { containers: Array<{ env?: EnvEntry[] }> } } } }>(manifests, 'Deployment')
      .concat(ofKind(manifests, 'Job'))
      .flatMap((w) => w.spec.template.spec.containers.flatMap((c) => c.env ?? []))
      .filter((e) => e.name === 'DATABASE_URL')
      .map((e) => e.valueFrom?.secretKeyRef);
    expect(refs).toHaveLength(9);
    expect(new Set(refs.map((r) => `${r?.name}/${r?.key}`))).toEqual(new Set([`${cluster!.metadata.name}-app/uri`]));
  });

  it('installs NATS in prod as a 3-node JetStream cluster (Helm values) with the monitoring port KEDA reads', () => {
    const values = parse(readFileSync(join(REPOSITORY_ROOT, 'k8s', 'overlays', 'prod', 'nats-values.yaml'), 'utf8')) as NatsValues;
    expect(values.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(values.config.jetstream.enabled).toBe(true);
    expect(values.config.jetstream.fileStore).toEqual(expect.objectContaining({ enabled: true, pvc: expect.objectContaining({ enabled: true }) }));
    expect(values.config.monitor).toEqual({ enabled: true, port: 8222 });
    expect(values.service.ports.monitor.enabled).toBe(true);
    const manifests = renderOverlay('prod');
    expect(named<{ data: Record<string, string> }>(manifests, 'ConfigMap', 'platform-config').data.NATS_URL).toBe(`nats://${values.fullnameOverride}:4222`);
    expect(kedaEndpoints('prod')).toEqual(new Set([`${values.fullnameOverride}.threads-agent.svc.cluster.local:${values.config.monitor.port}`]));
  });
});

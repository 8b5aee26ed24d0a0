import { join } from 'node:path';
import { readConfigTable } from './support/config-table';
import { serviceConfigNames } from './support/config-names';
import type { Manifest } from './support/kustomize';
import { matchesLabelSelector } from './support/kustomize';
import { OVERLAYS, REPOSITORY_ROOT, named, ofKind, renderOverlay } from './support/overlays';

interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }>;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; privileged?: boolean; capabilities?: { drop?: string[] } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: object;
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
}
interface Workload {
  spec: { replicas?: number; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}
interface PolicyPeer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: object;
}
interface NetworkPolicySpec {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes?: string[];
    ingress?: Array<{ from?: PolicyPeer[]; ports?: Array<{ port?: number | string }> }>;
  };
}

/**
 * Secret variables of the configuration table and the services that read them: each Deployment
 * gets exactly these as secretKeyRef (least privilege), never through the ConfigMap.
 */
const SECRET_READERS: Record<string, string[]> = {
  AUTH_JWT_SECRET: ['gateway'],
  GRAPHIQL_DEV_TOKEN: ['gateway'],
  REDIS_URL: ['gateway'],
  SUBGRAPH_JWT_SECRET: ['gateway', 'content', 'achievements', 'experiments', 'emotion'],
  DATABASE_URL: ['content', 'achievements', 'experiments', 'emotion', 'content-worker', 'achievements-worker', 'experiments-worker', 'emotion-worker', 'migrate'],
  CONTENT_DATABASE_URL: ['content', 'content-worker', 'migrate'],
  ACHIEVEMENTS_DATABASE_URL: ['achievements', 'achievements-worker', 'migrate'],
  EXPERIMENTS_DATABASE_URL: ['experiments', 'experiments-worker', 'migrate'],
  EMOTION_DATABASE_URL: ['emotion', 'emotion-worker', 'migrate'],
  OPENAI_API_KEY: ['content', 'content-worker'],
  QDRANT_API_KEY: ['content', 'content-worker'],
  THREADS_ACCOUNTS: ['content-worker'],
  GITHUB_WEBHOOK_SECRET: ['achievements'],
  GITHUB_TOKEN: ['achievements-worker'],
};
const SUBGRAPHS = ['content', 'achievements', 'experiments', 'emotion'];
const CONFIG_TABLE = readConfigTable(join(REPOSITORY_ROOT, 'README.md'), serviceConfigNames());

const workloads = (manifests: Manifest[]) => [...ofKind<Workload>(manifests, 'Deployment'), ...ofKind<Workload>(manifests, 'StatefulSet'), ...ofKind<Workload>(manifests, 'Job')];
const platformWorkloads = (manifests: Manifest[]) => workloads(manifests).filter((w) => w.metadata.labels?.['app.kubernetes.io/part-of'] === 'threads-agent');
const appContainer = (w: Workload) => w.spec.template.spec.containers.find((c) => c.name === 'app')!;
const isSubset = (selector: Record<string, string> = {}, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(OVERLAYS.map((overlay) => [overlay]))('overlays/%s policy', (overlay) => {
  const manifests = renderOverlay(overlay);

  it('gives every container resource requests and limits and a non-root, read-only, unprivileged security context', () => {
    const problems: string[] = [];
    for (const workload of workloads(manifests)) {
      const pod = workload.spec.template.spec;
      for (const c of pod.containers) {
        const where = `${workload.kind}/${workload.metadata.name}/${c.name}`;
        if (!c.resources?.limits?.cpu || !c.resources.limits.memory) problems.push(`${where}: cpu and memory limits`);
        if (!c.resources?.requests?.cpu || !c.resources.requests.memory) problems.push(`${where}: cpu and memory requests`);
        const sc = c.securityContext ?? {};
        if (!(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) problems.push(`${where}: runAsNonRoot`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation false`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem`);
        if (sc.privileged === true || !sc.capabilities?.drop?.includes('ALL')) problems.push(`${where}: unprivileged, capabilities dropped`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('probes every long-running container, the platform on its admin port (liveness /healthz, readiness /readyz)', () => {
    const problems: string[] = [];
    for (const workload of workloads(manifests).filter((w) => w.kind !== 'Job')) {
      for (const c of workload.spec.template.spec.containers) {
        const where = `${workload.kind}/${workload.metadata.name}/${c.name}`;
        if (!c.livenessProbe || !c.readinessProbe || !c.startupProbe) problems.push(`${where}: liveness, readiness and startup probes`);
      }
    }
    for (const workload of platformWorkloads(manifests).filter((w) => w.kind === 'Deployment')) {
      const c = appContainer(workload);
      expect(c.ports?.some((p) => p.name === 'admin')).toBe(true);
      expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'admin' });
      expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'admin' });
    }
    expect(problems).toEqual([]);
  });

  it("covers every variable of the README's configuration table in every platform container: the ConfigMap or a secretKeyRef", () => {
    const config = named<{ data: Record<string, string> }>(manifests, 'ConfigMap', 'platform-config').data;
    const unreferenced = CONFIG_TABLE.map((v) => v.name).filter((name) => !(name in config) && !(name in SECRET_READERS));
    expect(unreferenced).toEqual([]);
    expect(Object.keys(SECRET_READERS).filter((name) => name in config)).toEqual([]);
    for (const workload of platformWorkloads(manifests)) {
      const c = appContainer(workload);
      expect(c.envFrom).toEqual([{ configMapRef: { name: 'platform-config' } }]);
      const secrets = (c.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name).sort();
      const expected = Object.keys(SECRET_READERS).filter((name) => SECRET_READERS[name]!.includes(workload.metadata.name)).sort();
      expect({ [workload.metadata.name]: secrets }).toEqual({ [workload.metadata.name]: expected });
      expect((c.env ?? []).filter((e) => !e.valueFrom?.secretKeyRef)).toEqual([]);
    }
  });

  it('runs one image whose arguments pick each service: the gateway, every subgraph and worker, and the migration', () => {
    const platform = platformWorkloads(manifests);
    expect(new Set(platform.map((w) => appContainer(w).image)).size).toBe(1);
    const commands = platform.map((w) => (appContainer(w).args ?? []).join(' ')).sort();
    expect(commands).toEqual(['gateway', 'migrate', ...SUBGRAPHS.map((s) => `subgraph ${s}`), ...SUBGRAPHS.map((s) => `worker ${s}`)].sort());
  });

  it('leaves the gateway as the only way into the subgraphs, and admin ports to the monitoring namespace', () => {
    const policies = ofKind<NetworkPolicySpec>(manifests, 'NetworkPolicy');
    const gatewayLabels = named<Workload>(manifests, 'Deployment', 'gateway').spec.template.metadata.labels;
    const otherPods = workloads(manifests).filter((w) => w.metadata.name !== 'gateway').map((w) => w.spec.template.metadata.labels);
    const peersTo = (labels: Record<string, string>, port: number) => {
      const selecting = policies.filter((p) => isSubset(p.spec.podSelector.matchLabels, labels) && (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'));
      expect(selecting.length).toBeGreaterThan(0);
      return selecting.flatMap((p) => (p.spec.ingress ?? []).filter((rule) => !rule.ports || rule.ports.some((r) => r.port === port)).flatMap((rule) => rule.from ?? [{}]));
    };
    for (const name of SUBGRAPHS) {
      const deployment = named<Workload>(manifests, 'Deployment', name);
      const labels = deployment.spec.template.metadata.labels;
      const ports = appContainer(deployment).ports!;
      const graphqlPeers = peersTo(labels, ports.find((p) => p.name === 'http')!.containerPort);
      expect(graphqlPeers.length).toBeGreaterThan(0);
      for (const peer of graphqlPeers) {
        expect({ [name]: peer }).toEqual({ [name]: { podSelector: expect.anything() } });
        expect(isSubset(peer.podSelector!.matchLabels, gatewayLabels)).toBe(true);
        expect(otherPods.filter((pod) => isSubset(peer.podSelector!.matchLabels, pod))).toEqual([]);
      }
      for (const peer of peersTo(labels, ports.find((p) => p.name === 'admin')!.containerPort)) {
        expect(peer).toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } });
      }
    }
  });

  it('routes /graphql, / and /webhooks/github to the gateway only', () => {
    const [ingress] = ofKind<{ spec: { rules: Array<{ http: { paths: Array<{ path: string; backend: { service: { name: string } } }> } }> } }>(manifests, 'Ingress');
    const paths = ingress!.spec.rules.flatMap((r) => r.http.paths);
    expect(paths.map((p) => p.path).sort()).toEqual(['/', '/graphql', '/webhooks/github']);
    expect(new Set(paths.map((p) => p.backend.service.name))).toEqual(new Set(['gateway']));
  });

  it('autoscales the gateway and subgraphs on CPU and the workers with KEDA on their JetStream consumers, and budgets disruptions', () => {
    const config = named<{ data: Record<string, string> }>(manifests, 'ConfigMap', 'platform-config').data;
    const hpas = ofKind<{ spec: { scaleTargetRef: { name: string }; minReplicas: number; maxReplicas: number; metrics: Array<{ resource?: { name: string } }> } }>(manifests, 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(['gateway', ...SUBGRAPHS].sort());
    for (const hpa of hpas) expect(hpa.spec.metrics.map((m) => m.resource?.name)).toEqual(['cpu']);
    const scaled = ofKind<{ spec: { scaleTargetRef: { name: string }; minReplicaCount: number; maxReplicaCount: number; triggers: Array<{ type: string; metadata: Record<string, string> }> } }>(manifests, 'ScaledObject');
    expect(scaled.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual(SUBGRAPHS.map((s) => `${s}-worker`).sort());
    const consumers = scaled.flatMap((s) => s.spec.triggers.map((t) => `${t.type} ${t.metadata.stream}/${t.metadata.consumer}`)).sort();
    const durable = (name: string) => config[name];
    expect(consumers).toEqual(
      [
        `JOBS/${durable('CONTENT_CONSUMER_DURABLE')}`, `JOBS/${durable('CONTENT_PUBLISHER_DURABLE')}`, `EVENTS/${durable('CONTENT_ACHIEVEMENTS_DURABLE')}`,
        `JOBS/${durable('ACHIEVEMENTS_CONSUMER_DURABLE')}`, `EVENTS/${durable('EXPERIMENTS_CONSUMER_DURABLE')}`, `EVENTS/${durable('EMOTION_CONSUMER_DURABLE')}`,
      ].map((c) => `nats-jetstream ${c}`).sort(),
    );
    for (const s of scaled) expect(s.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    const scaledTargets = [...hpas.map((h) => h.spec.scaleTargetRef.name), ...scaled.map((s) => s.spec.scaleTargetRef.name)];
    for (const deployment of ofKind<Workload>(manifests, 'Deployment').filter((d) => scaledTargets.includes(d.metadata.name))) {
      expect({ [deployment.metadata.name]: deployment.spec.replicas }).toEqual({ [deployment.metadata.name]: undefined });
    }
    const budgets = ofKind<{ spec: { selector: { matchLabels: Record<string, string> } } }>(manifests, 'PodDisruptionBudget');
    for (const deployment of platformWorkloads(manifests).filter((w) => w.kind === 'Deployment')) {
      expect(budgets.filter((b) => isSubset(b.spec.selector.matchLabels, deployment.spec.template.metadata.labels))).toHaveLength(1);
    }
    if (overlay === 'dev') {
      for (const hpa of hpas) expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([1, 1]);
      for (const s of scaled) expect([s.spec.minReplicaCount, s.spec.maxReplicaCount]).toEqual([1, 1]);
    } else {
      for (const hpa of hpas) expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    }
  });

  it('scrapes the admin port of every platform Service', () => {
    const [monitor] = ofKind<{ spec: { selector: { matchLabels: Record<string, string> }; endpoints: Array<{ port: string; path: string }> } }>(manifests, 'ServiceMonitor');
    expect(monitor!.spec.endpoints).toEqual([expect.objectContaining({ port: 'admin', path: '/metrics' })]);
    const services = ofKind<{ spec: { ports: Array<{ name: string }> } }>(manifests, 'Service').filter((s) => matchesLabelSelector(s.metadata.labels, 'app.kubernetes.io/part-of=threads-agent'));
    expect(services).toHaveLength(9);
    for (const service of services) {
      expect(isSubset(monitor!.spec.selector.matchLabels, service.metadata.labels ?? {})).toBe(true);
      expect(service.spec.ports.map((p) => p.name)).toContain('admin');
    }
  });
});

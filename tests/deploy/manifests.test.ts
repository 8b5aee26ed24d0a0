import { OVERLAYS, renderBase, renderOverlay } from './support/overlays';
import { schemaErrors } from './support/validate-manifest';

describe('the Kubernetes manifests', () => {
  it('render the base with every kind the platform needs', () => {
    const kinds = new Set(renderBase().map((m) => m.kind));
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'Job', 'HorizontalPodAutoscaler', 'ScaledObject', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress', 'ServiceMonitor', 'PrometheusRule']) {
      expect(kinds).toContain(kind);
    }
  });

  it.each(OVERLAYS.map((overlay) => [overlay]))('validate every object of overlays/%s against its Kubernetes, KEDA or prometheus-operator schema', (overlay) => {
    const manifests = renderOverlay(overlay);
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  it.each(OVERLAYS.map((overlay) => [overlay]))('give every object of overlays/%s a unique name of its kind in the namespace', (overlay) => {
    const keys = renderOverlay(overlay).map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(renderOverlay(overlay).filter((m) => m.kind !== 'Namespace' && m.metadata.namespace !== 'threads-agent')).toEqual([]);
  });

  it('catch a schema error (a string where an integer belongs)', () => {
    const [deployment] = renderOverlay('dev').filter((m) => m.kind === 'Deployment');
    const broken = { ...deployment!, spec: { ...(deployment!.spec as object), replicas: 'two' } };
    expect(schemaErrors(broken)).toEqual([expect.stringContaining('replicas must be integer')]);
  });
});

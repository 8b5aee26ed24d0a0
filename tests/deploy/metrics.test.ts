import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../lib/logger';
import { seedIfEmpty } from '../../scripts/lib/seed';
import { testToken } from '../support/auth';
import { eventually } from '../support/eventually';
import { queryData } from '../support/graphql';
import { useTestStack } from '../support/stack';
import { exportedMetrics } from './support/exported-metrics';
import { REPOSITORY_ROOT, named, renderBase } from './support/overlays';
import { promqlMetricNames } from './support/promql-metrics';

interface Panel {
  type: string;
  id: number;
  title: string;
  datasource?: { uid: string };
  targets?: Array<{ expr: string }>;
}
interface Rule {
  alert: string;
  expr: string;
  labels: { severity: string };
  annotations: { summary: string };
}

/** Series Prometheus makes itself (`up`) or reads from kube-state-metrics, not from the services. */
const EXTERNAL_METRICS = new Set(['up', 'kube_deployment_status_replicas_unavailable']);

const dashboard = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'k8s', 'base', 'monitoring', 'grafana-dashboard.json'), 'utf8')) as { panels: Panel[] };
const graphs = dashboard.panels.filter((p) => p.type !== 'row');
const rules = named<{ spec: { groups: Array<{ rules: Rule[] }> } }>(renderBase(), 'PrometheusRule', 'threads-agent').spec.groups.flatMap((g) => g.rules);
const referenced = (exprs: string[]) => [...new Set(exprs.flatMap(promqlMetricNames))].filter((name) => !EXTERNAL_METRICS.has(name)).sort();

describe('promqlMetricNames', () => {
  it('reads the selected metric names, not functions, labels, ranges or grouping', () => {
    const expr = 'histogram_quantile(0.95, sum by (le, subgraph) (rate(gateway_subgraph_fetch_duration_seconds_bucket{namespace="x", outcome!="ok"}[$__rate_interval]))) / on(service) group_left max(up) > 1e3';
    expect(promqlMetricNames(expr).sort()).toEqual(['gateway_subgraph_fetch_duration_seconds_bucket', 'up']);
  });
});

describe('the Grafana dashboard and the alert rules', () => {
  it('query Prometheus in every panel, with unique ids', () => {
    expect(graphs.length).toBeGreaterThan(10);
    for (const panel of graphs) {
      expect({ [panel.title]: panel.datasource?.uid }).toEqual({ [panel.title]: '${datasource}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cover requests, errors, latency, jobs and queue lag, subscriptions, tokens and cost, engagement', () => {
    const names = new Set(referenced(graphs.flatMap((p) => p.targets!.map((t) => t.expr))));
    for (const name of [
      'gateway_operations_total', 'graphql_request_duration_seconds_bucket', 'gateway_subgraph_fetch_duration_seconds_bucket', 'content_generation_jobs_total',
      'content_generation_queued_seconds_bucket', 'gateway_subscriptions_active', 'content_generation_tokens_total', 'content_generation_cost_usd_total', 'content_posts_engagement_ratio',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('alert on the error rate, p95 latency, queue lag, dead letters and readiness', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['ThreadsAgentHighErrorRate', 'ThreadsAgentHighLatency', 'ThreadsAgentQueueLag', 'ThreadsAgentGenerationDeadLetters', 'ThreadsAgentPodsNotReady', 'ThreadsAgentTargetDown']),
    );
    for (const rule of rules) {
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(0);
    }
  });

  describe('against a running platform', () => {
    const stack = useTestStack();
    let expositions: string[] = [];

    beforeAll(async () => {
      // One generation job, so that the job, token and cost series exist as well as their declarations.
      const token = await testToken();
      const headers = { authorization: `Bearer ${token}` };
      await seedIfEmpty(stack().gatewayUrl, createLogger('seed', 'silent'), token);
      const { personas } = await queryData<{ personas: Array<{ id: string }> }>(stack().gatewayUrl, '{ personas { id } }', {}, headers);
      const { generatePost } = await queryData<{ generatePost: { id: string } }>(
        stack().gatewayUrl,
        'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }',
        { input: { personaId: personas[0]!.id, topic: 'Deploying a federated graph', idempotencyKey: randomUUID() } },
        headers,
      );
      await eventually(async () => {
        const { generationJob } = await queryData<{ generationJob: { status: string } }>(stack().gatewayUrl, 'query($id: ID!) { generationJob(id: $id) { status } }', { id: generatePost.id }, headers);
        return generationJob.status === 'COMPLETED' ? true : undefined;
      }, 30_000);
      const ports = [stack().gatewayAdminPort, ...Object.values(stack().adminPorts)];
      expositions = await Promise.all(ports.map(async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
    }, 60_000);

    it("reference only metrics the services' /metrics export (histograms as _bucket, _sum, _count)", () => {
      const { names } = exportedMetrics(expositions);
      const exprs = [...graphs.flatMap((p) => p.targets!.map((t) => t.expr)), ...rules.map((r) => r.expr)];
      expect(referenced(exprs).length).toBeGreaterThan(25);
      expect(referenced(exprs).filter((name) => !names.has(name))).toEqual([]);
    });
  });
});

import { ConfigError } from '../../../lib/config';
import { loadTracingConfig } from '../../../lib/tracing';
import { tracesUrl } from '../../../lib/tracing/node-sdk';

describe('loadTracingConfig', () => {
  it('is off by default: no endpoint, every new trace sampled, exports every 5 s, no extra attributes', () => {
    expect(loadTracingConfig({})).toEqual({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_RESOURCE_ATTRIBUTES: {}, OTEL_TRACES_SAMPLER_ARG: 1, OTEL_BSP_SCHEDULE_DELAY: 5000 });
  });

  it('reads empty values (a ConfigMap\'s "") as unset', () => {
    const config = loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_RESOURCE_ATTRIBUTES: '', OTEL_TRACES_SAMPLER_ARG: '', OTEL_BSP_SCHEDULE_DELAY: '' });
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(config.OTEL_TRACES_SAMPLER_ARG).toBe(1);
    expect(config.OTEL_BSP_SCHEDULE_DELAY).toBe(5000);
  });

  it('parses resource attributes as key=value pairs with percent-encoded values', () => {
    const config = loadTracingConfig({ OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod, team=content%20ops,empty=' });
    expect(config.OTEL_RESOURCE_ATTRIBUTES).toEqual({ 'deployment.environment.name': 'prod', team: 'content ops', empty: '' });
  });

  it('refuses a pair without a key, a ratio above 1 and an endpoint that is not a URL, all at once', () => {
    let error: unknown;
    try {
      loadTracingConfig({ OTEL_RESOURCE_ATTRIBUTES: 'a=1,=2', OTEL_TRACES_SAMPLER_ARG: '1.5', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_RESOURCE_ATTRIBUTES', 'OTEL_TRACES_SAMPLER_ARG']);
  });
});

describe('tracesUrl', () => {
  it('appends /v1/traces to the collector base URL, with or without a trailing slash or a path', () => {
    expect(tracesUrl('http://otel-collector:4318')).toBe('http://otel-collector:4318/v1/traces');
    expect(tracesUrl('http://otel-collector:4318/')).toBe('http://otel-collector:4318/v1/traces');
    expect(tracesUrl('https://gateway.example.com/otlp/')).toBe('https://gateway.example.com/otlp/v1/traces');
  });
});

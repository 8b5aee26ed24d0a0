import { prettyLineFormatter, prettyLogs } from '../../../lib/logger';

describe('prettyLogs', () => {
  it('is pretty in a terminal in development only, unless LOG_FORMAT says otherwise', () => {
    expect(prettyLogs({ NODE_ENV: 'development' }, true)).toBe(true);
    expect(prettyLogs({ NODE_ENV: 'development' }, false)).toBe(false);
    expect(prettyLogs({ NODE_ENV: 'production' }, true)).toBe(false);
    expect(prettyLogs({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, false)).toBe(true);
    expect(prettyLogs({ NODE_ENV: 'development', LOG_FORMAT: 'json' }, true)).toBe(false);
  });
});

describe('prettyLineFormatter', () => {
  const format = prettyLineFormatter(false);

  it('turns a JSON log line into one readable line with its fields', () => {
    const line = JSON.stringify({ level: 30, time: '2026-11-29T08:00:00.000Z', service: 'content', name: 'content', msg: 'subgraph listening', adminPort: 9101 });
    const pretty = format(line);
    expect(pretty).toMatch(/INFO: subgraph listening \{"adminPort":9101\}$/);
    expect(pretty).not.toContain('\n');
    expect(pretty).not.toContain('"service"');
  });

  it('leaves other lines as they are', () => {
    expect(format('plain text from a child')).toBe('plain text from a child');
    expect(format('{not json')).toBe('{not json');
  });
});

import { estimateBusinessValue } from '../../../subgraphs/achievements/src/domain/business-value';
import { businessValueTier } from '../../../subgraphs/achievements/src/domain/business-value-tiers';

const SMALL = { files: 1, lines: 10 };

describe('estimateBusinessValue: time savings', () => {
  it('values saved senior hours per week for a 4-person team at $125/h over 52 weeks', () => {
    const estimate = estimateBusinessValue('Saves 8 hours per week for senior developers (4-person team)', { files: 15, lines: 1200 });
    expect(estimate).toMatchObject({ usd: 208_000, method: 'TIME_SAVINGS', confidence: 0.7, period: 'YEARLY', tier: 'CRITICAL' });
    expect(estimate?.explanation).toBe('8 h per week x 52 per year x 4 people x $125/h (senior) = $208000.00 per year');
  });

  it('uses $75/h for juniors, 26 sprints a year and one person without a team mention', () => {
    expect(estimateBusinessValue('Saves 3 hours per sprint for junior devs', SMALL)?.usd).toBe(5_850);
  });

  it('defaults to a mid rate, per week, and 5 people when developers are mentioned', () => {
    expect(estimateBusinessValue('Saves 2 hours for developers on every release', SMALL)).toMatchObject({ usd: 52_000, tier: 'HIGH' });
  });

  it('reads "cuts N hours per month" for the team as 12 months x 5 people x $100', () => {
    expect(estimateBusinessValue('Cuts 10 hours per month of on-call toil for the team', SMALL)?.usd).toBe(60_000);
  });

  it('counts daily savings over 250 working days (the seed counted them once)', () => {
    expect(estimateBusinessValue('Saves 0.5 hours daily in release triage', SMALL)).toMatchObject({
      usd: 12_500,
      tier: 'LOW',
      explanation: '0.5 h per day x 250 per year x 1 people x $100/h (mid) = $12500.00 per year',
    });
  });

  it('reads "N senior hours saved" and "team of N"', () => {
    expect(estimateBusinessValue('About 6 senior hours saved per week', SMALL)?.usd).toBe(39_000);
    expect(estimateBusinessValue('Saves 1 hour a week for a team of 3', SMALL)?.usd).toBe(15_600);
  });
});

describe('estimateBusinessValue: performance', () => {
  it('values a 40% latency improvement at 66 USD per percent per year', () => {
    const estimate = estimateBusinessValue('Optimizes the feed query: p95 latency improved by 40%', SMALL);
    expect(estimate).toMatchObject({ usd: 2_640, method: 'PRODUCTIVITY_GAIN', confidence: 0.7, period: 'YEARLY', tier: 'MINIMAL' });
  });

  it('reads "N% faster ... response"', () => {
    expect(estimateBusinessValue('Pages load 25% faster thanks to response caching', SMALL)?.usd).toBe(1_650);
  });
});

describe('estimateBusinessValue: automation', () => {
  const text = 'Automates the release notes from merged PRs';

  it('triples $5000 at 10 files or 500 lines with high confidence', () => {
    expect(estimateBusinessValue(text, { files: 10, lines: 0 })).toMatchObject({ usd: 15_000, method: 'AUTOMATION', confidence: 0.9, tier: 'MEDIUM' });
    expect(estimateBusinessValue(text, { files: 1, lines: 500 })).toMatchObject({ usd: 15_000, confidence: 0.9 });
  });

  it('doubles $5000 at 5 files or 200 lines with medium confidence', () => {
    expect(estimateBusinessValue(text, { files: 9, lines: 499 })).toMatchObject({ usd: 10_000, confidence: 0.7 });
    expect(estimateBusinessValue(text, { files: 5, lines: 0 })).toMatchObject({ usd: 10_000, confidence: 0.7 });
    expect(estimateBusinessValue(text, { files: 0, lines: 200 })).toMatchObject({ usd: 10_000, confidence: 0.7 });
  });

  it('keeps $5000 below that with low confidence', () => {
    expect(estimateBusinessValue(text, { files: 4, lines: 199 })).toMatchObject({ usd: 5_000, confidence: 0.4, tier: 'LOW' });
  });

  it('recognizes CI/CD, a deployment pipeline and eliminated manual steps', () => {
    for (const phrase of ['Adds a CI/CD workflow for the gateway', 'New deployment pipeline for staging', 'Eliminates manual database snapshots']) {
      expect(estimateBusinessValue(phrase, SMALL)?.method).toBe('AUTOMATION');
    }
  });

  it('does not read the noun "automation" alone as automation', () => {
    expect(estimateBusinessValue('Improve the test automation guide', SMALL)).toBeNull();
  });
});

describe('estimateBusinessValue: quality', () => {
  it('values 3 fixed bugs at 3 x 12 x $1200', () => {
    expect(estimateBusinessValue('Fixes 3 bugs in the checkout flow', SMALL)).toMatchObject({ usd: 43_200, method: 'QUALITY', confidence: 0.7, period: 'YEARLY' });
  });

  it('values a percentage of fewer defects on a baseline of 5 defects a month', () => {
    expect(estimateBusinessValue('Expect 20% fewer defects in the parser', SMALL)?.usd).toBe(14_400);
    expect(estimateBusinessValue('Reduces the error rate by 30% (fewer timeout errors)', SMALL)?.usd).toBe(21_600);
  });

  it('values each coverage point at 0.1 defect a month', () => {
    expect(estimateBusinessValue('Test coverage improved by 10%', SMALL)?.usd).toBe(14_400);
    expect(estimateBusinessValue('Increases test coverage by 15%', SMALL)?.usd).toBe(21_600);
    expect(estimateBusinessValue('Pager tests: coverage +12%', SMALL)?.usd).toBe(17_280);
  });
});

describe('estimateBusinessValue: risk', () => {
  it('values a security fix at $25,000 once with high confidence', () => {
    expect(estimateBusinessValue('Patches an XSS vulnerability in the comment form', SMALL)).toMatchObject({
      usd: 25_000,
      method: 'RISK_REDUCTION',
      confidence: 0.9,
      period: 'ONE_TIME',
      tier: 'MEDIUM',
    });
  });

  it('values compliance work at $10,000 and other risks at $2,500', () => {
    expect(estimateBusinessValue('Adds an audit log for GDPR compliance', SMALL)).toMatchObject({ usd: 10_000, confidence: 0.7, period: 'ONE_TIME' });
    expect(estimateBusinessValue('Prevents outages when the cache node restarts', SMALL)).toMatchObject({ usd: 2_500, confidence: 0.4, tier: 'MINIMAL' });
  });
});

describe('estimateBusinessValue: technical debt', () => {
  it('values $2000 x (lines/1000 + files/10)', () => {
    expect(estimateBusinessValue('Refactor the legacy billing module', { files: 12, lines: 1500 })).toMatchObject({
      usd: 5_400,
      method: 'TECH_DEBT',
      confidence: 0.4,
      period: 'YEARLY',
    });
  });

  it('caps the multiplier at 3', () => {
    expect(estimateBusinessValue('Upgrade to Node 20', { files: 20, lines: 2000 })?.usd).toBe(6_000);
  });
});

describe('estimateBusinessValue: explicit amount', () => {
  it('turns a monthly amount into a yearly one with high confidence', () => {
    expect(estimateBusinessValue('Cuts the AWS bill by $1,200 per month', SMALL)).toMatchObject({ usd: 14_400, method: 'EXPLICIT', confidence: 0.9, period: 'YEARLY', tier: 'LOW' });
  });

  it('keeps a yearly amount, and reads an amount without a period as yearly', () => {
    expect(estimateBusinessValue('Drops a licence worth $30,000 per year', SMALL)?.usd).toBe(30_000);
    expect(estimateBusinessValue('Drops an unused SaaS plan worth $2,400', SMALL)?.usd).toBe(2_400);
  });

  it('reads amounts without separators, with a k suffix or in dollars', () => {
    expect(estimateBusinessValue('Trims $12000 a year from hosting', SMALL)?.usd).toBe(12_000);
    expect(estimateBusinessValue('Trims $5k/year from hosting', SMALL)?.usd).toBe(5_000);
    expect(estimateBusinessValue('Trims 800 dollars monthly from hosting', SMALL)?.usd).toBe(9_600);
  });

  it('rounds to cents', () => {
    expect(estimateBusinessValue('Trims $1,234.567 per month from hosting', SMALL)?.usd).toBe(14_814.8);
  });
});

describe('estimateBusinessValue: size inference', () => {
  const text = 'Add a dark mode toggle';

  it('returns null below 50 lines and 3 files', () => {
    expect(estimateBusinessValue(text, { files: 2, lines: 49 })).toBeNull();
  });

  it('values (lines/50 + 2 x files) hours at $100 once with low confidence', () => {
    expect(estimateBusinessValue(text, { files: 3, lines: 0 })).toMatchObject({ usd: 600, method: 'SIZE_INFERENCE', confidence: 0.4, period: 'ONE_TIME', tier: 'MINIMAL' });
    expect(estimateBusinessValue(text, { files: 0, lines: 50 })?.usd).toBe(100);
    expect(estimateBusinessValue(text, { files: 4, lines: 1000 })?.usd).toBe(2_800);
  });
});

describe('estimateBusinessValue: order', () => {
  it('prefers time savings over automation', () => {
    expect(estimateBusinessValue('Automates the weekly report and saves 4 hours per week', { files: 12, lines: 800 })).toMatchObject({ method: 'TIME_SAVINGS', usd: 20_800 });
  });

  it('prefers performance over quality', () => {
    expect(estimateBusinessValue('Latency reduced by 10%; also fixes 2 bugs', SMALL)).toMatchObject({ method: 'PRODUCTIVITY_GAIN', usd: 660 });
  });

  it('prefers automation over quality', () => {
    expect(estimateBusinessValue('Automates flaky test retries and fixes 5 bugs', { files: 2, lines: 100 })).toMatchObject({ method: 'AUTOMATION', usd: 5_000 });
  });

  it('prefers quality over risk', () => {
    expect(estimateBusinessValue('Fixes 2 bugs in the security token refresh', SMALL)).toMatchObject({ method: 'QUALITY', usd: 28_800 });
  });

  it('prefers risk over technical debt', () => {
    expect(estimateBusinessValue('Upgrades the legacy XML parser for security', { files: 12, lines: 1500 })).toMatchObject({ method: 'RISK_REDUCTION', usd: 25_000 });
  });

  it('prefers technical debt over an explicit amount', () => {
    expect(estimateBusinessValue('Refactor that saves $500 per month', { files: 1, lines: 100 })).toMatchObject({ method: 'TECH_DEBT', usd: 400 });
  });

  it('prefers an explicit amount over size inference', () => {
    expect(estimateBusinessValue('Saves $500 per month on CI minutes', { files: 30, lines: 3000 })).toMatchObject({ method: 'EXPLICIT', usd: 6_000 });
  });

  it('returns null when nothing matches and the change is small', () => {
    expect(estimateBusinessValue('Update README wording', { files: 1, lines: 4 })).toBeNull();
  });
});

describe('businessValueTier', () => {
  it('puts each bound in the higher tier', () => {
    const cases: Array<[number, string]> = [
      [100_000, 'CRITICAL'],
      [99_999.99, 'HIGH'],
      [50_000, 'HIGH'],
      [49_999.99, 'MEDIUM'],
      [15_000, 'MEDIUM'],
      [14_999.99, 'LOW'],
      [5_000, 'LOW'],
      [4_999.99, 'MINIMAL'],
      [0, 'MINIMAL'],
    ];
    for (const [usd, tier] of cases) expect(businessValueTier(usd)).toBe(tier);
  });

  it('is applied to the estimate', () => {
    expect(estimateBusinessValue('Worth $100,000 per year', SMALL)?.tier).toBe('CRITICAL');
    expect(estimateBusinessValue('Worth $99,999.99 per year', SMALL)?.tier).toBe('HIGH');
  });
});

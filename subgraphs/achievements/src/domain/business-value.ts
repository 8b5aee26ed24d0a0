import { round2 } from './achievement-stats';
import { CONFIDENCE, businessValueTier } from './business-value-tiers';
import type { BusinessValueEstimate, ChangeSize } from './business-value-tiers';

type Draft = Omit<BusinessValueEstimate, 'tier'>;
type Method = (text: string, size: ChangeSize) => Draft | null;

function usd(value: number): string {
  return `$${round2(value).toFixed(2)}`;
}

// 1. Time savings -------------------------------------------------------------------------

const HOURS = '(?<hours>\\d+(?:\\.\\d+)?)';
const ROLE = '(?<role>senior|junior|lead|mid|developer|dev|engineer)';
const PERIOD = '(?:(?:per|a|each|every|/)\\s*)?(?<period>daily|day|week|month|year|annual|sprint)?';
const AUDIENCE = `\\s*(?:for\\s+)?${ROLE}s?\\s*(?:developer|dev|engineer)s?`;

/** The seed's five time-savings phrases, tried in order (`_extract_time_savings`). */
const TIME_SAVINGS_PATTERNS: readonly RegExp[] = [
  new RegExp(`sav(?:es?|ing)\\s+${HOURS}\\s+hours?\\s*${PERIOD}${AUDIENCE}`, 'i'),
  new RegExp(`sav(?:es?|ing)\\s+${HOURS}\\s+(?:${ROLE}s?\\s+)?hours?\\s*${PERIOD}`, 'i'),
  new RegExp(`(?:reduces?|cuts?|eliminates?)\\s+${HOURS}\\s+(?:${ROLE}s?\\s+)?hours?\\s*${PERIOD}`, 'i'),
  new RegExp(`${HOURS}\\s+hours?\\s*${PERIOD}${AUDIENCE}`, 'i'),
  new RegExp(`${HOURS}\\s+(?:${ROLE}s?\\s+)?hours?\\s+(?:saved|reduction|less)`, 'i'),
];

/** Hourly rates in USD by role (seed `BusinessValueConfig`; its `tech_lead_rate` 150 is unused). */
export const HOURLY_RATES = { junior: 75, mid: 100, senior: 125 } as const;

/** Working periods per year by the start of the period word: day 250, week 52, month 12, sprint 26, year 1. */
const PERIODS_PER_YEAR: ReadonlyArray<{ prefix: string; name: string; perYear: number }> = [
  { prefix: 'da', name: 'day', perYear: 250 },
  { prefix: 'week', name: 'week', perYear: 52 },
  { prefix: 'month', name: 'month', perYear: 12 },
  { prefix: 'sprint', name: 'sprint', perYear: 26 },
  { prefix: 'year', name: 'year', perYear: 1 },
  { prefix: 'annual', name: 'year', perYear: 1 },
];
const PER_WEEK = { prefix: 'week', name: 'week', perYear: 52 };

/**
 * People sharing the saving: "N-person team" / "team of N" -> N, else "team", "developers" or
 * "engineers" anywhere (substrings, as in the seed) -> 5, else 1.
 */
function teamSize(text: string): number {
  const sized =
    /(\d+)[-\s]*(?:person|people|member|developer|engineer)s?\s+team/i.exec(text) ?? /\bteam\s+of\s+(\d+)/i.exec(text);
  if (sized?.[1]) return Number(sized[1]);
  return /team|developers|engineers/i.test(text) ? 5 : 1;
}

const timeSavings: Method = (text) => {
  for (const pattern of TIME_SAVINGS_PATTERNS) {
    const groups = pattern.exec(text)?.groups;
    if (!groups?.hours) continue;
    const hours = Number(groups.hours);
    const role = groups.role?.toLowerCase() ?? 'mid';
    const rate = /senior|lead/.test(role) ? HOURLY_RATES.senior : role === 'junior' ? HOURLY_RATES.junior : HOURLY_RATES.mid;
    const periodWord = groups.period?.toLowerCase() ?? 'week';
    const { name, perYear } = PERIODS_PER_YEAR.find((entry) => periodWord.startsWith(entry.prefix)) ?? PER_WEEK;
    const people = teamSize(text);
    const value = hours * perYear * people * rate;
    return {
      usd: value,
      method: 'TIME_SAVINGS',
      confidence: CONFIDENCE.MEDIUM,
      period: 'YEARLY',
      explanation: `${hours} h per ${name} x ${perYear} per year x ${people} people x $${rate}/h (${role}) = ${usd(value)} per year`,
    };
  }
  return null;
};

// 2. Performance improvement --------------------------------------------------------------

/** The seed's performance phrases (`_extract_performance_improvements`); group 1 is the percentage. */
const PERFORMANCE_PATTERNS: readonly RegExp[] = [
  /(?:performance|response\s+time|latency|throughput).*?(?:improv|increas|reduc|optim).*?(\d+(?:\.\d+)?)%/i,
  /(\d+(?:\.\d+)?)%.*?(?:faster|quicker|improvement|reduction).*?(?:performance|response|latency)/i,
  /(?:reduc|decreas).*?(?:by\s+)?(\d+(?:\.\d+)?)%.*?(?:response\s+time|latency|load\s+time)/i,
];

const performanceGain: Method = (text) => {
  const pct = firstPercentage(PERFORMANCE_PATTERNS, text);
  if (pct === null) return null;
  const infrastructure = ((500 * pct) / 100) * 0.5 * 12;
  const operations = ((1000 * pct) / 100) * 0.3 * 12;
  return {
    usd: infrastructure + operations,
    method: 'PRODUCTIVITY_GAIN',
    confidence: CONFIDENCE.MEDIUM,
    period: 'YEARLY',
    explanation:
      `${pct}% faster: infrastructure $500/month x ${pct}% x 0.5 x 12 + operations $1000/month x ${pct}% x 0.3 x 12` +
      ` = ${usd(infrastructure + operations)} per year`,
  };
};

function firstPercentage(patterns: readonly RegExp[], text: string): number | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.[1]) return Number(match[1]);
  }
  return null;
}

// 3. Automation ---------------------------------------------------------------------------

/** The seed's automation phrases (`_extract_automation_value`); "automation" alone is not one. */
const AUTOMATION_PATTERNS: readonly RegExp[] = [
  /automat(?:es?|ed|ing)/i,
  /eliminates?\s+manual/i,
  /no\s+longer\s+(?:need|require)/i,
  /replaces?\s+manual/i,
  /CI\/CD/i,
  /deployment\s+pipeline/i,
];

const automation: Method = (text, size) => {
  if (!AUTOMATION_PATTERNS.some((pattern) => pattern.test(text))) return null;
  const [multiplier, confidence] =
    size.files >= 10 || size.lines >= 500
      ? [3, CONFIDENCE.HIGH]
      : size.files >= 5 || size.lines >= 200
        ? [2, CONFIDENCE.MEDIUM]
        : [1, CONFIDENCE.LOW];
  return {
    usd: 5000 * multiplier,
    method: 'AUTOMATION',
    confidence,
    period: 'YEARLY',
    explanation: `automation of ${size.files} files / ${size.lines} lines: $5000 x ${multiplier} = ${usd(5000 * multiplier)} per year`,
  };
};

// 4. Quality ------------------------------------------------------------------------------

/** Cost of one defect in USD (seed `defect_fix_cost`). */
const DEFECT_COST = 1200;

/** How a quality number turns into defects prevented per month. */
const BUGS_FIXED = { perMonth: (n: number) => n, what: 'bugs fixed' };
const FEWER_DEFECTS = { perMonth: (n: number) => (5 * n) / 100, what: '% fewer of 5 defects/month' };
const COVERAGE = { perMonth: (n: number) => n * 0.1, what: 'coverage points x 0.1' };

/** The seed's quality phrases in order (coverage phrases widened, see below); group 1 is the number. */
const QUALITY_RULES: ReadonlyArray<{ pattern: RegExp; perMonth: (n: number) => number; what: string }> = [
  { pattern: /(?:fix|resolv|prevent).*?(\d+)\s+(?:bugs?|defects?|issues?)/i, ...BUGS_FIXED },
  { pattern: /(?:reduc|decreas).*?(?:by\s+)?(\d+(?:\.\d+)?)%.*?(?:bugs?|defects?|errors?)/i, ...FEWER_DEFECTS },
  { pattern: /test\s+coverage.*?(?:increas|improv).*?(\d+(?:\.\d+)?)%/i, ...COVERAGE },
  { pattern: /(?:increas|improv|rais|boost)\w*\s+(?:the\s+)?(?:test\s+)?coverage\s+by\s+(\d+(?:\.\d+)?)%/i, ...COVERAGE },
  { pattern: /coverage\s*\+\s*(\d+(?:\.\d+)?)%/i, ...COVERAGE },
  { pattern: /(\d+(?:\.\d+)?)%.*?(?:fewer|less).*?(?:bugs?|defects?|issues?)/i, ...FEWER_DEFECTS },
];

const quality: Method = (text) => {
  for (const rule of QUALITY_RULES) {
    const match = rule.pattern.exec(text);
    if (!match?.[1]) continue;
    const n = Number(match[1]);
    const defects = rule.perMonth(n);
    const value = defects * 12 * DEFECT_COST;
    return {
      usd: value,
      method: 'QUALITY',
      confidence: CONFIDENCE.MEDIUM,
      period: 'YEARLY',
      explanation: `${n} ${rule.what} = ${round2(defects)} defects/month x 12 x $${DEFECT_COST} = ${usd(value)} per year`,
    };
  }
  return null;
};

// 5. Risk ---------------------------------------------------------------------------------

/** The seed's risk phrases (`_extract_risk_mitigation`): any of them makes a risk estimate. */
const RISK_PATTERNS: readonly RegExp[] = [
  /security|vulnerability|exploit|breach/i,
  /(?:critical|urgent|high\s+priority).*?(?:fix|patch)/i,
  /(?:prevent|avoid|mitigat).*?(?:incident|outage|downtime)/i,
  /compliance|regulation|audit|gdpr|sox/i,
];

const risk: Method = (text) => {
  if (!RISK_PATTERNS.some((pattern) => pattern.test(text))) return null;
  const [value, confidence, severity] = /critical|security|breach|vulnerability/i.test(text)
    ? [25_000, CONFIDENCE.HIGH, 'critical incident']
    : /compliance|regulation|audit/i.test(text)
      ? [10_000, CONFIDENCE.MEDIUM, 'major incident (compliance)']
      : [2_500, CONFIDENCE.LOW, 'minor incident'];
  return {
    usd: value,
    method: 'RISK_REDUCTION',
    confidence,
    period: 'ONE_TIME',
    explanation: `${severity} prevented: ${usd(value)} once`,
  };
};

// 6. Technical debt -----------------------------------------------------------------------

/** The seed's technical-debt words (`_extract_technical_debt_reduction`), as substrings. */
const TECH_DEBT_WORDS: readonly string[] = [
  'technical debt',
  'refactor',
  'clean up',
  'moderniz',
  'upgrad',
  'legacy',
  'deprecated',
  'maintenance',
  'simplif',
];

const techDebt: Method = (text, size) => {
  const lower = text.toLowerCase();
  if (!TECH_DEBT_WORDS.some((word) => lower.includes(word))) return null;
  const factor = Math.min(3, size.lines / 1000 + size.files / 10);
  return {
    usd: 2000 * factor,
    method: 'TECH_DEBT',
    confidence: CONFIDENCE.LOW,
    period: 'YEARLY',
    explanation: `technical debt: $2000 x min(3, ${size.lines}/1000 + ${size.files}/10) = ${usd(2000 * factor)} per year`,
  };
};

// 7. Explicit amount ----------------------------------------------------------------------

const AMOUNT = '(?<amount>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:\\s*(?<thousands>k)\\b)?';
const AMOUNT_PERIOD = '(?:\\s*(?:(?:per|a|an|each|every|/)\\s*)?(?<period>yearly|year|yr|annually|annual|monthly|month|mo)\\b)?';

/** "$X", "X dollars" or "X USD", optionally followed by a period. */
const EXPLICIT_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\$\\s?${AMOUNT}${AMOUNT_PERIOD}`, 'i'),
  new RegExp(`${AMOUNT}\\s*(?:dollars?|usd)\\b${AMOUNT_PERIOD}`, 'i'),
];

const explicit: Method = (text) => {
  for (const pattern of EXPLICIT_PATTERNS) {
    const groups = pattern.exec(text)?.groups;
    if (!groups?.amount) continue;
    const amount = Number(groups.amount.replace(/,/g, '')) * (groups.thousands ? 1000 : 1);
    const monthly = groups.period?.toLowerCase().startsWith('mo') ?? false;
    const value = monthly ? amount * 12 : amount;
    return {
      usd: value,
      method: 'EXPLICIT',
      confidence: CONFIDENCE.HIGH,
      period: 'YEARLY',
      explanation: monthly ? `stated ${usd(amount)} per month x 12 = ${usd(value)} per year` : `stated ${usd(value)} per year`,
    };
  }
  return null;
};

// 8. Size inference -----------------------------------------------------------------------

const sizeInference: Method = (_text, size) => {
  if (size.lines < 50 && size.files < 3) return null;
  const hours = size.lines / 50 + 2 * size.files;
  const value = hours * HOURLY_RATES.mid;
  return {
    usd: value,
    method: 'SIZE_INFERENCE',
    confidence: CONFIDENCE.LOW,
    period: 'ONE_TIME',
    explanation: `effort ${size.lines}/50 + 2 x ${size.files} = ${round2(hours)} h x $${HOURLY_RATES.mid}/h = ${usd(value)} once`,
  };
};

/** The methods in the seed's order; the first that returns an estimate wins. */
const METHODS: readonly Method[] = [timeSavings, performanceGain, automation, quality, risk, techDebt, explicit, sizeInference];

/**
 * Estimates the business value of a merged PR from its text (title and body) and size, after
 * the seed's `AgileBusinessValueCalculator` (seed-reference §2.4 "Business value"). Methods
 * are tried in this order and the first match wins:
 * 1. TIME_SAVINGS: "saves N hours per week [for senior devs]" and the seed's four other phrases;
 *    N x periods per year (day 250, week 52 (default), month 12, sprint 26, year 1) x people
 *    ("N-person team" -> N, any "team"/"developers"/"engineers" -> 5, else 1) x rate (junior
 *    $75, mid $100 (default), senior or lead $125); confidence 0.7.
 * 2. PRODUCTIVITY_GAIN: a performance/latency/throughput improvement of p% ->
 *    `500·p/100·0.5·12 + 1000·p/100·0.3·12` (= 66·p); 0.7.
 * 3. AUTOMATION: automate(s|d)/automating, eliminates/replaces manual, no longer need(s),
 *    CI/CD, deployment pipeline -> $5000 x 3 (files >= 10 or lines >= 500; 0.9), x 2
 *    (files >= 5 or lines >= 200; 0.7), else x 1 (0.4).
 * 4. QUALITY: N bugs fixed -> N·12·$1200; p% fewer defects -> 5·p/100·12·$1200; test coverage
 *    up X points -> X·0.1·12·$1200; 0.7.
 * 5. RISK_REDUCTION (ONE_TIME): critical/security/breach/vulnerability $25,000 (0.9), else
 *    compliance/regulation/audit $10,000 (0.7), else other risk words $2,500 (0.4).
 * 6. TECH_DEBT: refactor, legacy, upgrade, ... -> $2000 x min(3, lines/1000 + files/10); 0.4.
 * 7. EXPLICIT: "$X", "X dollars" or "X USD", per month x 12; 0.9.
 * 8. SIZE_INFERENCE (ONE_TIME): (lines/50 + 2·files) x $100; 0.4; none below 50 lines and
 *    3 files.
 *
 * Returns null when no method applies. `usd` is rounded to cents (the seed truncates to whole
 * dollars). All matching is case-insensitive. Decisions where the seed is ambiguous or wrong:
 * - "daily"/"day" count 250 days a year (the seed's `"day" in "daily"` is false, so it
 *   counted daily savings once a year); "a week", "each week", "/week" read like "per week";
 * - the role and period come from the matched phrase only, not from elsewhere in the text;
 * - "team of N" also gives N people (ours; the seed knows only "N-person team");
 * - "automation" alone is not an automation phrase: the seed's regex needs automate(s|d|ing);
 * - "increases test coverage by X%" and "coverage +X%" are coverage phrases besides the seed's
 *   "test coverage ... increased ... X%";
 * - risk words without a severity word (exploit, GDPR, SOX, outage) take the lowest tier, as
 *   in the seed;
 * - an explicit amount without a period counts as yearly (seed); "$12000" reads as 12000 (the
 *   seed's `\d{1,3}(?:,\d{3})*` read 120) and "$5k" as 5000.
 *
 * @example estimateBusinessValue('Saves 8 hours per week for senior developers (4-person team)', { files: 15, lines: 1200 })?.usd // 208000
 */
export function estimateBusinessValue(text: string, size: ChangeSize): BusinessValueEstimate | null {
  for (const method of METHODS) {
    const draft = method(text, size);
    if (!draft) continue;
    const value = round2(draft.usd);
    return { ...draft, usd: value, tier: businessValueTier(value) };
  }
  return null;
}

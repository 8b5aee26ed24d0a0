// `npx tsx bench/render-report.ts bench/results/<date>.json`: writes the Markdown report of a
// saved run again (beside it, same name), e.g. after the report's layout changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './report/report';
import type { SavedRun } from './report/report';

const path = process.argv[2];
if (!path?.endsWith('.json')) throw new Error('usage: tsx bench/render-report.ts bench/results/<date>.json');
const saved = JSON.parse(readFileSync(path, 'utf8')) as SavedRun;
writeFileSync(path.replace(/\.json$/, '.md'), renderReport(saved.results, saved.context));

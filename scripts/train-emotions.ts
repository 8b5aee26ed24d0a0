import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../lib/logger';
import { parseGoEmotionsTsv } from '../subgraphs/emotion/src/domain/emotion-model/goemotions-data';
import { trainEmotionModel } from '../subgraphs/emotion/src/domain/emotion-model/train-emotion-model';
import type { SplitProvenance } from '../subgraphs/emotion/src/domain/emotion-model/train-emotion-model';
import { EMOTION_MODEL_PATH } from '../subgraphs/emotion/src/operations/load-emotion-model';
import { REPOSITORY_ROOT } from './lib/paths';

/**
 * `npm run train:emotions`: trains the emotion model on GoEmotions' train split, selects C on
 * the dev split, and writes `subgraphs/emotion/model/goemotions-linear-v1.json` (deterministic:
 * the same data gives the same bytes; about 40 s on 2 cores). The test split is not used.
 */
const logger = createLogger('train-emotions');
const GOEMOTIONS = join(REPOSITORY_ROOT, 'data', 'goemotions');

function readSplit(file: string): { content: string; provenance: SplitProvenance } {
  const path = join(GOEMOTIONS, file);
  const bytes = readFileSync(path);
  const content = bytes.toString('utf8');
  const lines = content.split('\n').filter((line) => line.length > 0).length;
  return { content, provenance: { path: relative(REPOSITORY_ROOT, path), sha256: createHash('sha256').update(bytes).digest('hex'), lines } };
}

const started = performance.now();
const train = readSplit('train.tsv');
const dev = readSplit('dev.tsv');
const trained = trainEmotionModel(
  parseGoEmotionsTsv(train.content),
  parseGoEmotionsTsv(dev.content),
  { train: train.provenance, dev: dev.provenance },
  undefined,
  (event) => logger.info({ ...event, seconds: Math.round((performance.now() - started) / 100) / 10 }, event.step),
);
writeFileSync(EMOTION_MODEL_PATH, trained.text);
logger.info(
  {
    path: relative(REPOSITORY_ROOT, EMOTION_MODEL_PATH),
    bytes: Buffer.byteLength(trained.text),
    sha256: createHash('sha256').update(trained.text).digest('hex'),
    devMacroF1: Math.round(trained.dev.macroF1 * 1e4) / 1e4,
    devF1: Object.fromEntries(Object.entries(trained.dev.perClass).map(([emotion, m]) => [emotion, Math.round(m.f1 * 1e4) / 1e4])),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  },
  'emotion model written',
);

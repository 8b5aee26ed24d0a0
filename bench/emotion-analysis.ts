import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { analyzeText } from '../subgraphs/emotion/src/domain/analyze-text';
import { predictEmotions } from '../subgraphs/emotion/src/domain/emotion-model/emotion-model';
import { parseGoEmotionsTsv } from '../subgraphs/emotion/src/domain/emotion-model/goemotions-data';
import { segmentText } from '../subgraphs/emotion/src/domain/segmentation';
import { scoreSentiment } from '../subgraphs/emotion/src/domain/sentiment';
import { loadEmotionModel } from '../subgraphs/emotion/src/operations/load-emotion-model';

/**
 * `npm run bench:emotion`: throughput of the emotion analysis on GoEmotions dev comments (the
 * model alone, per comment and per sentence), of VADER (the package's `polarity_scores` and the
 * project's `scoreSentiment`), and of the whole `analyzeText` on "typical posts": four
 * consecutive dev sentences of 30-160 characters ending in `.`, `!` or `?` (four segments, about
 * 300 characters). Prints texts/s and µs per text; not part of `npm test`.
 */
const ROOT = join(__dirname, '..');
const MIN_SECONDS = 1.5;
const SENTENCES_PER_POST = 4;

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Runs `run` over `inputs` repeatedly for at least {@link MIN_SECONDS} after one warm-up pass. */
function measure<T>(label: string, inputs: readonly T[], run: (input: T) => unknown): void {
  for (const input of inputs) run(input);
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS * 1000) {
    for (const input of inputs) run(input);
    count += inputs.length;
    elapsed = performance.now() - started;
  }
  const perText = (elapsed * 1000) / count;
  write(`${label.padEnd(52)} ${Math.round(1e6 / perText).toString().padStart(8)} texts/s ${perText.toFixed(1).padStart(9)} µs/text`);
}

const loadStarted = performance.now();
const model = loadEmotionModel();
write(`model ${model.name}: loaded in ${(performance.now() - loadStarted).toFixed(0)} ms, ${model.space.terms.size} terms`);

const comments = parseGoEmotionsTsv(readFileSync(join(ROOT, 'data', 'goemotions', 'dev.tsv'), 'utf8')).map((row) => row.text);
const sentences = comments.flatMap((comment) => segmentText(comment));
const postSentences = sentences.filter((text) => text.length >= 30 && text.length <= 160 && /[.!?]$/.test(text));
const posts: string[] = [];
for (let i = 0; i + SENTENCES_PER_POST <= postSentences.length; i += SENTENCES_PER_POST) posts.push(postSentences.slice(i, i + SENTENCES_PER_POST).join(' '));
const segmentsPerPost = posts.reduce((sum, post) => sum + segmentText(post).length, 0) / posts.length;
const charsPerPost = posts.reduce((sum, post) => sum + post.length, 0) / posts.length;
write(`${comments.length} dev comments, ${sentences.length} sentences; ${posts.length} posts of ${segmentsPerPost.toFixed(1)} segments, ${charsPerPost.toFixed(0)} characters on average`);
write('');

measure('model (predictEmotions), per comment', comments, (text) => predictEmotions(model, text));
measure('model (predictEmotions), per sentence', sentences, (text) => predictEmotions(model, text));
measure('VADER, vader-sentiment polarity_scores, per sentence', sentences, (text) => SentimentIntensityAnalyzer.polarity_scores(text));
measure('VADER, scoreSentiment (same numbers), per sentence', sentences, (text) => scoreSentiment(text));
measure('VADER, vader-sentiment polarity_scores, per post', posts, (text) => SentimentIntensityAnalyzer.polarity_scores(text));
measure('VADER, scoreSentiment, per post', posts, (text) => scoreSentiment(text));
measure('whole analysis (analyzeText), per comment', comments, (text) => analyzeText(text, model));
measure('whole analysis (analyzeText), per post', posts, (text) => analyzeText(text, model));

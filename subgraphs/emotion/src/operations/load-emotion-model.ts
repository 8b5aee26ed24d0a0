import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmotionModel } from '../domain/emotion-model/emotion-model';
import { decodeEmotionModel } from '../domain/emotion-model/model-file';

/** The committed model file (`npm run train:emotions` writes it). */
export const EMOTION_MODEL_PATH = join(__dirname, '..', '..', 'model', 'goemotions-linear-v1.json');

/**
 * Reads and decodes the emotion model file: once per process, at start (about 100 ms for the
 * committed 2 MB file), then passed to every analysis.
 *
 * @throws {EmotionModelError} when the file does not fit the code (format, classes, word list)
 * @throws the file system's error when it cannot be read
 */
export function loadEmotionModel(path: string = EMOTION_MODEL_PATH): EmotionModel {
  return decodeEmotionModel(JSON.parse(readFileSync(path, 'utf8'))).model;
}

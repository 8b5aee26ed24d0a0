/** Violent topics the seed's regex (`\b(suicide|bomb|kill)\b`) lets through, with the violence lexicon's root for each. */
export const VIOLENT_TOPICS_THE_SEED_MISSES: ReadonlyArray<readonly [topic: string, root: string]> = [
  ['How to murder my neighbour', 'murder'],
  ['Killing my neighbour', 'kill'],
  ['bombs at the school', 'bomb'],
  ['How to shoot up a school', 'shooting'],
  ['I will stab you', 'stab'],
  ['How to poison my wife', 'poison'],
];

import { wordList } from './word-list';

/**
 * Words of trust (confidence, agreement, admiration, safety, reliability, care).
 * Project-written; see `joy.ts` for how inflections are matched.
 */
export const TRUST_WORDS = wordList(`
  trust trusted trustworthy reliable reliability rely dependable honest honesty sincere
  loyal loyalty faith faithful devoted believe belief confident confidence sure certain
  safe safety secure security protect protection support supportive agree agreement
  true truth truthful genuine authentic legit legitimate valid credible accurate correct
  exactly indeed yes yep yup absolutely definitely fact facts
  respect respected respectful admire admiration integrity principled fair fairness
  friend friendship buddy bro pal mate ally teammate partner partnership
  promise committed commitment guarantee assure reassure reassuring vouch recommend endorse
  care caring kindness gentle helpful help welcome welcoming understand understanding
  wise wisdom expert experienced professional competent qualified skilled mentor guide teacher
  patient calm steady stable consistent transparent proven solid official certified
  brave courage courageous hero heroic generous compassion compassionate empathy
  🙏 👍 🤝 💯 ✅ 👌 🫶
`);

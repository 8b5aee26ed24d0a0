import { describeSemanticDedup } from './dedup-suite';

describe('semantic dedup and similar posts on the exact index (post_embeddings)', () => {
  describeSemanticDedup({ env: () => ({}) });
});

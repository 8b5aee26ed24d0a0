import { scalarResolvers } from '../../../../lib/graphql';
import { EmotionTrajectory, Post } from './entities';
import { emotionQueries } from './query';
import type { PlutchikEmotionResolvers, Resolvers } from './types.generated';

/** Internal (lower-case, as in the domain) values of the `PlutchikEmotion` enum. */
const PlutchikEmotion: Required<PlutchikEmotionResolvers> = {
  JOY: 'joy',
  TRUST: 'trust',
  FEAR: 'fear',
  SURPRISE: 'surprise',
  SADNESS: 'sadness',
  DISGUST: 'disgust',
  ANGER: 'anger',
  ANTICIPATION: 'anticipation',
};

/** The emotion subgraph's resolver map, typed by `npm run codegen` (`types.generated.ts`). */
export const resolvers: Resolvers = {
  ...scalarResolvers,
  PlutchikEmotion,
  Query: { ...emotionQueries },
  Post,
  EmotionTrajectory,
};

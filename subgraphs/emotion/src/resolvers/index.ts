import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../../../lib/graphql';
import type { EmotionContext } from '../context';
import { postResolvers, trajectoryResolvers } from './entities';
import { queryResolvers } from './query';

/** Internal (lower-case) values of the `PlutchikEmotion` enum. */
const plutchikEmotionValues = {
  JOY: 'joy',
  TRUST: 'trust',
  FEAR: 'fear',
  SURPRISE: 'surprise',
  SADNESS: 'sadness',
  DISGUST: 'disgust',
  ANGER: 'anger',
  ANTICIPATION: 'anticipation',
};

/** The emotion subgraph's resolver map. */
export const resolvers: GraphQLResolverMap<EmotionContext> = {
  DateTime: scalarResolvers.DateTime,
  PlutchikEmotion: plutchikEmotionValues,
  Query: queryResolvers,
  Post: postResolvers,
  EmotionTrajectory: trajectoryResolvers,
};

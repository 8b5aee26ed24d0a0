import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readableErrors } from './errors';

describe('readableErrors', () => {
  it('names the scope a FORBIDDEN token lacks', () => {
    const error = new CombinedError({
      graphQLErrors: [new GraphQLError('Forbidden: Mutation.generatePost', { extensions: { code: 'FORBIDDEN', requiredScopes: [['content:write'], ['admin']] } })],
    });
    expect(readableErrors(error)).toEqual([{ code: 'FORBIDDEN', message: 'Your token lacks content:write or admin.' }]);
  });

  it('asks for a token on UNAUTHENTICATED, gives the wait on RATE_LIMITED, and keeps other messages', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } }),
        new GraphQLError('Too many', { extensions: { code: 'RATE_LIMITED', retryAfter: 12 } }),
        new GraphQLError('Post p is PUBLISHED: only drafts can be edited', { extensions: { code: 'CONFLICT' } }),
      ],
    });
    expect(readableErrors(error)).toEqual([
      { code: 'UNAUTHENTICATED', message: 'Your token is missing, expired or invalid: paste a valid one.' },
      { code: 'RATE_LIMITED', message: 'Too many requests: retry in 12 s.' },
      { code: 'CONFLICT', message: 'Post p is PUBLISHED: only drafts can be edited' },
    ]);
  });

  it('says when the gateway did not answer', () => {
    const error = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(readableErrors(error)).toEqual([{ code: 'NETWORK_ERROR', message: 'The gateway did not answer (Failed to fetch).' }]);
  });
});

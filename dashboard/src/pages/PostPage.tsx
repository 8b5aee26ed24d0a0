import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { count, dateTime, percent, usd } from '../format';
import { graphql } from '../gql';
import { useOpenedAt } from '../live/opened-at';
import { useRefresh } from '../live/use-refresh';
import { dimensionsText } from '../live/variant-text';
import { EmotionSection } from './post/EmotionSection';
import { EngagementForm } from './post/EngagementForm';
import './content.css';

const PostDetailQuery = graphql(`
  query PostDetail($id: ID!) {
    post(id: $id) {
      id hook body status originalInput qualityScore engagementRate tokensUsed costUsd model createdAt
      publisher url publishedAt publishError
      persona { id name emoji }
      engagement { impressions likes replies reposts follows }
      variant { id name isControl dimensions experiment { id name } }
      emotionTrajectory {
        id trajectoryType dominantEmotion peaks valleys
        sentiment { positive negative neutral compound }
        segments { position sentimentCompound dominantEmotion emotions { joy trust fear surprise sadness disgust anger anticipation } }
        transitions { fromSegment toSegment fromEmotion toEmotion strength }
      }
      similarPosts(first: 5) { score post { id hook persona { id name emoji } } }
    }
  }
`);

const PublishMutation = graphql(`
  mutation PostPublish($id: ID!) {
    publishPost(id: $id) { id status publisher url publishedAt publishError }
  }
`);

const PublishedSubscription = graphql(`
  subscription PostPublished($personaId: ID, $since: DateTime) {
    postPublished(personaId: $personaId, since: $since) { id status publisher url publishedAt publishError }
  }
`);

const EngagementSubscription = graphql(`
  subscription PostEngagementUpdated($postId: ID, $since: DateTime) {
    postEngagementUpdated(postId: $postId, since: $since) { id engagementRate engagement { impressions likes replies reposts follows } }
  }
`);

/** While a post is PUBLISHING, how often it is read again: a failed publication (PUBLISH_FAILED) has no event. */
const PUBLISHING_POLL_MS = 2000;

/**
 * A post (`/posts/:id`): hook and body, status, persona, quality score, variant; publication
 * (a Publish button for drafts and failed publications, the state updated live by
 * `postPublished`); engagement (totals, live by `postEngagementUpdated`, and a form to record
 * them); the emotion trajectory (chart over segments, sentiment, transitions); similar posts.
 * Both subscriptions start from the time the page opened; the post is read again after a
 * reconnection.
 */
export default function PostPage() {
  const { id = '' } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: PostDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const post = data?.post;
  const [publication, publish] = useMutation(PublishMutation);
  const since = useOpenedAt();
  // Entities update the post in the cache (graphcache): nothing to do with the events themselves.
  const [{ error: publishedError }] = useSubscription({ query: PublishedSubscription, variables: { personaId: post?.persona.id ?? null, since }, pause: !post });
  const [{ error: engagementError }] = useSubscription({ query: EngagementSubscription, variables: { postId: id, since }, pause: !post });
  useRefresh(() => refetch({ requestPolicy: 'network-only' }));

  const publishing = post?.status === 'PUBLISHING';
  useEffect(() => {
    if (!publishing) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), PUBLISHING_POLL_MS);
    return () => clearInterval(timer);
  }, [publishing, refetch]);

  if (!post) {
    return (
      <section aria-labelledby="post-title">
        <h1 id="post-title">Post</h1>
        <ErrorMessage error={error} />
        {fetching ? <p role="status">Loading…</p> : null}
        {!fetching && !error ? <p>No post has this id.</p> : null}
        <p>
          <Link to="/posts">Back to the posts</Link>
        </p>
      </section>
    );
  }

  const canPublish = post.status === 'DRAFT' || post.status === 'PUBLISH_FAILED';
  const dimensions = post.variant ? dimensionsText(post.variant.dimensions) : '';
  return (
    <article aria-labelledby="post-title" className="post">
      <p>
        <Link to={`/posts?persona=${post.persona.id}`}>
          ← {post.persona.emoji} {post.persona.name}'s posts
        </Link>
      </p>
      <h1 id="post-title">{post.hook}</h1>
      <ErrorMessage error={error ?? publishedError ?? engagementError} />
      <p className="post-body">{post.body}</p>
      <dl className="facts">
        <dt>Persona</dt>
        <dd>
          {post.persona.emoji} {post.persona.name}
        </dd>
        <dt>Topic</dt>
        <dd>{post.originalInput}</dd>
        <dt>Quality score</dt>
        <dd data-testid="quality-score">{post.qualityScore === null || post.qualityScore === undefined ? '—' : `${post.qualityScore.toFixed(2)} of 1`}</dd>
        <dt>Variant</dt>
        <dd data-testid="post-variant">
          {post.variant ? (
            <>
              <strong>{post.variant.name}</strong>
              {post.variant.isControl ? ' (control)' : ''} <span className="muted">of {post.variant.experiment.name}{dimensions ? ` — ${dimensions}` : ''}</span>
            </>
          ) : (
            'None: not written in an experiment'
          )}
        </dd>
        <dt>Model</dt>
        <dd>
          {post.model}, {count(post.tokensUsed)} tokens, {usd(post.costUsd, 4)}
        </dd>
        <dt>Created</dt>
        <dd>{dateTime(post.createdAt)}</dd>
      </dl>

      <h2>Publication</h2>
      <p role="status" aria-live="polite">
        Status <span className={`badge status-${post.status.toLowerCase()}`} data-testid="post-status">{post.status}</span>
        {post.publishedAt ? <span className="muted"> since {dateTime(post.publishedAt)}{post.publisher ? ` on ${post.publisher}` : ''}</span> : null}
      </p>
      {post.publishError ? (
        <div className="error" role="alert">
          <p>{post.publishError}</p>
        </div>
      ) : null}
      {post.url ? <p className="muted">Address at the publisher: {post.url}</p> : null}
      {canPublish ? (
        <button type="button" onClick={() => void publish({ id: post.id })} disabled={publication.fetching}>
          Publish
        </button>
      ) : null}
      <ErrorMessage error={publication.error} />

      <h2>Engagement</h2>
      <p>
        Engagement rate <strong data-testid="engagement-rate">{percent(post.engagementRate)}</strong>
        <span className="muted">
          {' '}
          — {count(post.engagement?.impressions ?? 0)} impressions, {count(post.engagement?.likes ?? 0)} likes, {count(post.engagement?.replies ?? 0)} replies, {count(post.engagement?.reposts ?? 0)} reposts, {count(post.engagement?.follows ?? 0)} follows
        </span>
      </p>
      <EngagementForm key={post.id} postId={post.id} current={post.engagement} />

      <h2>Emotion trajectory</h2>
      <EmotionSection trajectory={post.emotionTrajectory} />

      <h2>Similar posts</h2>
      {post.similarPosts.length === 0 ? <p className="muted">No similar post of this persona yet.</p> : null}
      <ul className="similar">
        {post.similarPosts.map(({ post: similar, score }) => (
          <li key={similar.id}>
            <Link to={`/posts/${similar.id}`}>{similar.hook}</Link> <span className="muted">— similarity {score.toFixed(2)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

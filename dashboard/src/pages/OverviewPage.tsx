import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { count, percent, usd } from '../format';
import { graphql } from '../gql';
import { useOpenedAt } from '../live/opened-at';
import { useRefresh } from '../live/use-refresh';

const OverviewQuery = graphql(`
  query DashboardOverview {
    contentStats { posts tokensUsed costUsd averageEngagementRate costPerFollowUsd costPerPostUsd }
    personas { id name emoji }
    posts(first: 5) { edges { node { id hook status createdAt engagementRate persona { name } } } }
    achievementStats { count totalBusinessValue portfolioReadyCount }
  }
`);

const PersonaStatsQuery = graphql(`
  query DashboardPersonaStats($personaId: ID!) {
    contentStats(personaId: $personaId) { posts tokensUsed costUsd averageEngagementRate costPerFollowUsd }
  }
`);

const PostCreatedSubscription = graphql(`
  subscription DashboardPostCreated($since: DateTime) {
    postCreated(since: $since) { id }
  }
`);

function PersonaRow({ persona, refreshKey }: { persona: { id: string; name: string; emoji: string }; refreshKey: number }) {
  const [{ data }, refetch] = useQuery({ query: PersonaStatsQuery, variables: { personaId: persona.id } });
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  const stats = data?.contentStats;
  return (
    <tr>
      <th scope="row">
        {persona.emoji} {persona.name}
      </th>
      <td>{count(stats?.posts)}</td>
      <td>{count(stats?.tokensUsed)}</td>
      <td>{usd(stats?.costUsd, 4)}</td>
      <td>{percent(stats?.averageEngagementRate)}</td>
      <td>{usd(stats?.costPerFollowUsd, 4)}</td>
    </tr>
  );
}

/**
 * Overview: the platform's numbers (posts, tokens, cost, engagement, cost per follow, overall and
 * per persona), recent posts, and achievements' count and business value; refreshed whenever a
 * post is created (`postCreated` since the page opened; one refresh per burst) and after each
 * reconnection.
 */
export function OverviewPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: OverviewQuery });
  const since = useOpenedAt();
  const [{ data: created, error: liveError }] = useSubscription({ query: PostCreatedSubscription, variables: { since } }, (previous: number | undefined) => (previous ?? 0) + 1);
  const [refreshKey, setRefreshKey] = useState(0);
  const scheduleRefresh = useRefresh(() => setRefreshKey((key) => key + 1));
  useEffect(() => {
    if (created) scheduleRefresh();
  }, [created, scheduleRefresh]);
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);

  const stats = data?.contentStats;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <ErrorMessage error={error ?? liveError} />
      {fetching && !data ? <p role="status">Loading…</p> : null}
      {data ? (
        <>
          <dl className="tiles" aria-label="Totals">
            <div>
              <dt>Posts</dt>
              <dd data-testid="total-posts">{count(stats?.posts)}</dd>
            </div>
            <div>
              <dt>Tokens</dt>
              <dd>{count(stats?.tokensUsed)}</dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>{usd(stats?.costUsd, 4)}</dd>
            </div>
            <div>
              <dt>Average engagement rate</dt>
              <dd>{percent(stats?.averageEngagementRate)}</dd>
            </div>
            <div>
              <dt>Cost per follow</dt>
              <dd>{usd(stats?.costPerFollowUsd, 4)}</dd>
            </div>
            <div>
              <dt>Achievements</dt>
              <dd>{count(data.achievementStats.count)}</dd>
            </div>
            <div>
              <dt>Business value</dt>
              <dd>{usd(data.achievementStats.totalBusinessValue, 0)}</dd>
            </div>
          </dl>
          <h2>By persona</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  <th scope="col">Posts</th>
                  <th scope="col">Tokens</th>
                  <th scope="col">Cost</th>
                  <th scope="col">Engagement rate</th>
                  <th scope="col">Cost per follow</th>
                </tr>
              </thead>
              <tbody>
                {data.personas.map((persona) => (
                  <PersonaRow key={persona.id} persona={persona} refreshKey={refreshKey} />
                ))}
              </tbody>
            </table>
          </div>
          <h2>Recent posts</h2>
          {data.posts.edges.length === 0 ? <p>No posts yet: write one in the Studio.</p> : null}
          <ul className="recent">
            {data.posts.edges.map(({ node }) => (
              <li key={node.id}>
                <Link to={`/posts/${node.id}`}>{node.hook}</Link> <span className="muted">— {node.persona.name}, {node.status.toLowerCase()}, engagement {percent(node.engagementRate)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

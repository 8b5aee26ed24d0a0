import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { count, dateTime, usd } from '../format';
import { graphql } from '../gql';
import { AchievementFilters, CATEGORY_LABELS } from '../insights/AchievementFilters';
import type { AchievementListOptions } from '../insights/AchievementFilters';
import { AchievementTimeline } from '../insights/AchievementTimeline';
import { PortfolioExport } from '../insights/PortfolioExport';
import { useOpenedAt } from '../live/opened-at';
import { useRefresh } from '../live/use-refresh';
import './insights.css';

/** Achievements per page of the list. */
const PAGE_SIZE = 20;

const ListQuery = graphql(`
  query AchievementsList($first: Int!, $after: String, $filter: AchievementFilter, $orderBy: AchievementOrder) {
    achievements(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title category impactScore businessValue portfolioReady completedAt createdAt } }
    }
  }
`);

const StatsQuery = graphql(`
  query AchievementsStats($filter: AchievementFilter) {
    achievementStats(filter: $filter) { count portfolioReadyCount averageImpactScore totalTimeSavedHours totalBusinessValue timeline { month count businessValue } }
  }
`);

const CreatedSubscription = graphql(`
  subscription AchievementsCreated($since: DateTime) {
    achievementCreated(since: $since) { id title }
  }
`);

/** What the page keeps of the live arrivals: their ids (a replay after a reconnection repeats some), and the latest one's title. */
interface Arrivals {
  ids: ReadonlySet<string>;
  latest: string;
}

/**
 * Achievements: a filterable, paginated list, the totals and the per-month timeline of the
 * achievements matching the filter, portfolio export (Markdown, JSON or HTML, downloaded), and
 * live arrivals (`achievementCreated` since the page opened: announced, then the list and totals
 * are fetched again, once per burst, and after each reconnection).
 */
export default function AchievementsPage() {
  const [options, setOptions] = useState<AchievementListOptions>({ filter: {}, orderBy: 'CREATED_AT_DESC' });
  // Cursors of the pages before the current one's (`after`), so that "Previous page" can go back.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [list, refetchList] = useQuery({ query: ListQuery, variables: { first: PAGE_SIZE, after, filter: options.filter, orderBy: options.orderBy } });
  const [stats, refetchStats] = useQuery({ query: StatsQuery, variables: { filter: options.filter } });
  const since = useOpenedAt();
  const [{ data: arrivals, error: liveError }] = useSubscription({ query: CreatedSubscription, variables: { since } }, (previous: Arrivals | undefined, event): Arrivals => {
    const { id, title } = event.achievementCreated;
    if (previous?.ids.has(id)) return previous;
    return { ids: new Set([...(previous?.ids ?? []), id]), latest: title };
  });
  const scheduleRefresh = useRefresh(() => {
    refetchList({ requestPolicy: 'network-only' });
    refetchStats({ requestPolicy: 'network-only' });
  });
  const arrived = arrivals?.ids.size ?? 0;
  useEffect(() => {
    if (arrived > 0) scheduleRefresh();
  }, [arrived, scheduleRefresh]);

  const connection = list.data?.achievements;
  const totals = stats.data?.achievementStats;
  const firstShown = (cursors.length - 1) * PAGE_SIZE + 1;
  return (
    <section className="insights" aria-labelledby="achievements-title">
      <h1 id="achievements-title">Achievements</h1>
      <div aria-live="polite" className="announce">
        {arrivals ? `New achievement: ${arrivals.latest}` : ''}
      </div>
      <ErrorMessage error={liveError} />
      <AchievementFilters
        value={options}
        onChange={(next) => {
          setOptions(next);
          setCursors([null]);
        }}
      />

      <h2>Totals</h2>
      <ErrorMessage error={stats.error} />
      {totals ? (
        <dl className="tiles" aria-label="Totals of the matching achievements">
          <div>
            <dt>Achievements</dt>
            <dd data-testid="achievement-count">{count(totals.count)}</dd>
          </div>
          <div>
            <dt>Portfolio-ready</dt>
            <dd>{count(totals.portfolioReadyCount)}</dd>
          </div>
          <div>
            <dt>Business value</dt>
            <dd>{usd(totals.totalBusinessValue, 0)}</dd>
          </div>
          <div>
            <dt>Time saved</dt>
            <dd>{count(totals.totalTimeSavedHours)} h</dd>
          </div>
          <div>
            <dt>Average impact</dt>
            <dd>{totals.averageImpactScore === null ? '—' : `${totals.averageImpactScore.toFixed(1)} / 100`}</dd>
          </div>
        </dl>
      ) : null}
      <h2>Achievements per month</h2>
      {totals ? <AchievementTimeline timeline={totals.timeline} /> : null}

      <h2 id="achievements-list-title">List</h2>
      <ErrorMessage error={list.error} />
      {list.fetching && !connection ? <p role="status">Loading…</p> : null}
      {connection && connection.edges.length === 0 ? <p>No achievement matches these filters.</p> : null}
      {connection && connection.edges.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="achievements-list-title" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Category</th>
                <th scope="col">Impact</th>
                <th scope="col">Business value</th>
                <th scope="col">Portfolio-ready</th>
                <th scope="col">Completed or added</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <th scope="row">{node.title}</th>
                  <td>{CATEGORY_LABELS[node.category]}</td>
                  <td>{node.impactScore.toFixed(0)}</td>
                  <td>{usd(node.businessValue, 0)}</td>
                  <td>{node.portfolioReady ? 'Yes' : 'No'}</td>
                  <td>{dateTime(node.completedAt ?? node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {connection ? (
        <nav className="pager" aria-label="Pages of achievements">
          <button type="button" className="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </button>
          <span>
            {connection.edges.length === 0 ? 'None' : `${count(firstShown)}–${count(firstShown + connection.edges.length - 1)}`} of {count(connection.totalCount)}
          </span>
          <button type="button" className="secondary" disabled={!connection.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, connection.pageInfo.endCursor ?? null])}>
            Next page
          </button>
        </nav>
      ) : null}

      <h2>Portfolio export</h2>
      <PortfolioExport />
    </section>
  );
}

import { useId, useState } from 'react';
import type { AchievementCategory, AchievementFilter, AchievementOrder } from '../gql/graphql';

/** What the achievements list shows: the API's filter and order. */
export interface AchievementListOptions {
  filter: AchievementFilter;
  orderBy: AchievementOrder;
}

/** Readable names of the categories (every `AchievementCategory`, in the API's order). */
export const CATEGORY_LABELS: Readonly<Record<AchievementCategory, string>> = {
  FEATURE: 'Feature',
  PERFORMANCE: 'Performance',
  RELIABILITY: 'Reliability',
  SECURITY: 'Security',
  INFRASTRUCTURE: 'Infrastructure',
  TESTING: 'Testing',
  DOCUMENTATION: 'Documentation',
  ARCHITECTURE: 'Architecture',
  BUGFIX: 'Bug fix',
  OTHER: 'Other',
};

const READY_OPTIONS = { any: undefined, yes: true, no: false } as const;
type ReadyOption = keyof typeof READY_OPTIONS;

function readyOption(value: boolean | null | undefined): ReadyOption {
  return value === true ? 'yes' : value === false ? 'no' : 'any';
}

/**
 * The list's filters, each labelled: category, portfolio-ready and order apply when changed;
 * the text search (title or description) applies when submitted.
 */
export function AchievementFilters({ value, onChange }: { value: AchievementListOptions; onChange(next: AchievementListOptions): void }) {
  const id = useId();
  const [search, setSearch] = useState(value.filter.search ?? '');
  const setFilter = (filter: AchievementFilter) => onChange({ ...value, filter });
  return (
    <form
      className="inline filters"
      role="search"
      aria-label="Filter achievements"
      onSubmit={(event) => {
        event.preventDefault();
        setFilter({ ...value.filter, search: search.trim() || undefined });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select
          id={`${id}-category`}
          value={value.filter.category ?? ''}
          onChange={(event) => setFilter({ ...value.filter, category: (event.target.value || undefined) as AchievementCategory | undefined })}
        >
          <option value="">All categories</option>
          {Object.entries(CATEGORY_LABELS).map(([category, label]) => (
            <option key={category} value={category}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-ready`}>Portfolio-ready</label>
        <select id={`${id}-ready`} value={readyOption(value.filter.portfolioReady)} onChange={(event) => setFilter({ ...value.filter, portfolioReady: READY_OPTIONS[event.target.value as ReadyOption] })}>
          <option value="any">Any</option>
          <option value="yes">Portfolio-ready only</option>
          <option value="no">Not portfolio-ready</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-order`}>Order</label>
        <select id={`${id}-order`} value={value.orderBy} onChange={(event) => onChange({ ...value, orderBy: event.target.value as AchievementOrder })}>
          <option value="CREATED_AT_DESC">Newest first</option>
          <option value="IMPACT_SCORE_DESC">Highest impact first</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-search`}>Search</label>
        <input id={`${id}-search`} type="search" maxLength={200} value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Title or description" />
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

import { ConflictError, NotFoundError } from '../../../../lib/errors';
import type { AchievementRow, PortfolioSnapshotRow } from '../db/database';
import type { AchievementsDb } from '../db/repositories/achievements';
import {
  DuplicateSnapshotVersionError,
  findPortfolioAchievements,
  findSnapshotVersions,
  insertPortfolioSnapshot,
} from '../db/repositories/portfolio-snapshots';
import type { PortfolioFormat } from '../domain/portfolio-enums';
import { resolvePortfolioFilter } from '../domain/portfolio-filter';
import type { PortfolioFilterRequest } from '../domain/portfolio-filter';
import { portfolioTotals, renderPortfolio } from '../domain/portfolio-render';
import type { PortfolioEntry } from '../domain/portfolio-render';
import { nextPortfolioVersion, portfolioVersionBase } from '../domain/portfolio-version';

/** No achievement matches an export's filter (the seed's 404). Maps to `NOT_FOUND`. */
export class NoPortfolioAchievementsError extends NotFoundError {
  constructor() {
    super('Achievement', 'portfolio filter');
    this.message = 'No achievements match the portfolio filter';
  }
}

/** A validated export request (`Mutation.exportPortfolio`). */
export interface ExportPortfolioRequest {
  format: PortfolioFormat;
  filter: PortfolioFilterRequest;
}

/** Attempts at a free version when concurrent exports of one format take it in the same second. */
const VERSION_ATTEMPTS = 5;

/** An achievement row as a portfolio entry (decimal strings as numbers). */
export function toPortfolioEntry(row: AchievementRow): PortfolioEntry {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    impactScore: Number(row.impact_score),
    businessValue: row.business_value === null ? null : Number(row.business_value),
    timeSavedHours: Number(row.time_saved_hours),
    skills: row.skills,
    sourceUrl: row.source_url,
    displayPriority: row.display_priority,
    completedAt: row.completed_at,
  };
}

/**
 * Exports a portfolio: selects the achievements of the effective filter
 * ({@link resolvePortfolioFilter}) in portfolio order, renders them ({@link renderPortfolio}) and
 * stores the snapshot whole with its totals and filter. The version is the creation second
 * `YYYYMMDD_HHMMSS` (UTC), suffixed `_2`, `_3`... when a snapshot of the same format already
 * has it ({@link nextPortfolioVersion}); a concurrent export taking the same version makes it
 * pick the next one.
 *
 * @param createdBy `sub` of the caller
 * @param now creation time (the snapshot's `created_at`, its version and the document's `generatedAt`)
 * @returns the stored snapshot, content included
 * @throws {NoPortfolioAchievementsError} (`NOT_FOUND`) when no achievement matches
 * @throws {ConflictError} when no free version was found after 5 attempts
 */
export async function exportPortfolio(db: AchievementsDb, request: ExportPortfolioRequest, createdBy: string, now = new Date()): Promise<PortfolioSnapshotRow> {
  const selection = resolvePortfolioFilter(request.filter);
  const entries = (await findPortfolioAchievements(db, selection)).map(toPortfolioEntry);
  if (entries.length === 0) throw new NoPortfolioAchievementsError();
  const totals = portfolioTotals(entries);
  const base = portfolioVersionBase(now);
  for (let attempt = 1; attempt <= VERSION_ATTEMPTS; attempt += 1) {
    const version = nextPortfolioVersion(base, await findSnapshotVersions(db, request.format, base));
    const content = renderPortfolio(request.format, entries, { version, generatedAt: now, template: selection.template });
    try {
      return await insertPortfolioSnapshot(db, {
        version,
        format: request.format,
        template: selection.template,
        content,
        total_achievements: totals.achievements,
        total_impact_score: totals.impactScore,
        total_business_value: totals.businessValue,
        total_time_saved_hours: totals.timeSavedHours,
        filter: JSON.stringify(selection),
        created_by: createdBy,
        created_at: now,
      });
    } catch (err) {
      if (!(err instanceof DuplicateSnapshotVersionError)) throw err;
    }
  }
  throw new ConflictError(`No free portfolio version for ${request.format} at ${base}; retry`);
}

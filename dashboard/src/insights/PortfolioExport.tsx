import { useId, useState } from 'react';
import { useMutation } from 'urql';
import type { CombinedError } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { graphql } from '../gql';
import type { PortfolioFormat, PortfolioTemplate } from '../gql/graphql';
import { downloadTextFile, portfolioFile } from './download';

const ExportMutation = graphql(`
  mutation AchievementsExportPortfolio($format: PortfolioFormat!, $filter: PortfolioFilter) {
    exportPortfolio(format: $format, filter: $filter) { id version format content totalAchievements }
  }
`);

const FORMAT_LABELS: Readonly<Record<PortfolioFormat, string>> = { MARKDOWN: 'Markdown', JSON: 'JSON', HTML: 'HTML' };
const TEMPLATE_LABELS: Readonly<Record<PortfolioTemplate, string>> = {
  EXECUTIVE_SUMMARY: 'Executive summary (top 10, impact 70+)',
  TECHNICAL_PORTFOLIO: 'Technical portfolio (features, performance, architecture)',
  FULL_ARCHIVE: 'Full archive (every achievement)',
};

/**
 * Portfolio export: choose which achievements (the API's templates), press a format's button;
 * `exportPortfolio` renders and stores the document, which is then downloaded as a file.
 */
export function PortfolioExport() {
  const selectId = useId();
  const [template, setTemplate] = useState<PortfolioTemplate | ''>('');
  const [{ fetching }, exportPortfolio] = useMutation(ExportMutation);
  const [error, setError] = useState<CombinedError | undefined>();
  const [done, setDone] = useState('');

  async function download(format: PortfolioFormat) {
    setDone('');
    const result = await exportPortfolio({ format, filter: template ? { template } : null });
    setError(result.error);
    const snapshot = result.data?.exportPortfolio;
    if (!snapshot) return;
    const file = portfolioFile(snapshot);
    downloadTextFile(file);
    setDone(`Downloaded ${file.name} (${snapshot.totalAchievements} achievement${snapshot.totalAchievements === 1 ? '' : 's'}).`);
  }

  return (
    <>
      <form className="inline" aria-label="Export the portfolio" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={selectId}>Achievements to export</label>
        <select id={selectId} value={template} onChange={(event) => setTemplate(event.target.value as PortfolioTemplate | '')}>
          <option value="">Portfolio-ready achievements</option>
          {Object.entries(TEMPLATE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {Object.entries(FORMAT_LABELS).map(([format, label]) => (
        <button key={format} type="button" disabled={fetching} onClick={() => void download(format as PortfolioFormat)}>
          Export {label}
        </button>
      ))}
      </form>
      <p role="status" className="muted">
        {done}
      </p>
      <ErrorMessage error={error} />
    </>
  );
}

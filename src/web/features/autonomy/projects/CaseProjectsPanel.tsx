import { Link } from 'react-router-dom';
import type { CaseRecord } from '../../cases/cases.types';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useCaseProjects } from './projects.api';
import { useProjectTexts } from './projects.texts';

/**
 * Under the case's plan tab: how many autonomy projects the case has (as her
 * side sees them) and the way to its referrals and projects.
 */
export function CaseProjectsPanel({ record }: { record: CaseRecord }) {
  const { x } = useProjectTexts();
  const list = useCaseProjects(record.id);
  return (
    <section aria-labelledby="autonomy-projects-title" className="mt-5">
      <h2 id="autonomy-projects-title" className="h4">
        {x.panelTitle}
      </h2>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data ? <p>{x.panelCount(list.data.items.length)}</p> : null}
      <p>
        <Link to={`/percorsi/${record.id}/autonomia`}>{x.panelLink}</Link>
      </p>
    </section>
  );
}

import { useParams } from 'react-router-dom';
import { useMe } from '../../../api/session';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { useFundsYear } from './funds.api';
import { useFundsTexts } from './funds.texts';
import { FundsApplications } from './FundsApplications';
import { FundsCall } from './FundsCall';
import { FundsFrame } from './FundsFrame';
import { FundsPlan } from './FundsPlan';
import { FundsReport } from './FundsReport';
import { ActionError } from './YearForm';

/** The page's buttons (remove an entry, a report's move): one write at a time, its error at the top of the page. */
export interface YearActs {
  pending: boolean;
  run: (work: () => Promise<unknown>) => void;
}

/**
 * Fondi regionali, one year: the capofila's whole page (frame, call,
 * applications, plan, rendicontazione), or a partner's own. Each form
 * keeps its own checks and errors (YearForm.tsx); each section is a file.
 */
export function FundsYearPage() {
  const { id } = useParams();
  const { x, lang, label } = useFundsTexts();
  const query = useFundsYear(id);
  const me = useMe().data;
  const { pending, error, run } = useRun();
  if (query.isPending) return <Loading />;
  if (!query.data) return <ProblemAlert error={query.error} />;
  const y = query.data;
  const acts = { pending, run };
  const capofila = y.view === 'capofila';
  const isHead = me?.organisation?.id === y.acts.organisationId && me?.role === 'organisation_head';
  return (
    <>
      <PageHeading>{`${x.listTitle} ${y.year} – ${y.network.name}`}</PageHeading>
      <p>
        {x.capofila}: {y.capofila.name}. {x.planState}: <strong>{label('planState', y.plan.state)}</strong>
        {y.plan.protocol ? ` (${x.protocol} ${y.plan.protocol}, ${y.plan.sentOn ? formatDate(y.plan.sentOn, lang) : '—'})` : ''}
      </p>
      {!capofila ? <p className="text-muted">{x.partnerIntro}</p> : null}
      <ActionError error={error} />
      {capofila && y.totals ? <FundsFrame y={y} acts={acts} /> : null}
      <FundsCall y={y} />
      <FundsApplications y={y} />
      {capofila ? <FundsPlan y={y} /> : null}
      <FundsReport y={y} acts={acts} isHead={isHead} />
    </>
  );
}

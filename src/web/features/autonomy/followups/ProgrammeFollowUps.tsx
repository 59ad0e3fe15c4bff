import { followUpStates, housingStatuses, workStatuses } from '../../../../shared/autonomy.actions.api';
import type { AutonomyCodeKind, AutonomyCodeOf } from '../../../../shared/autonomy.labels';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { CountsTable } from '../CountsTable';
import { HiddenCount } from '../HiddenCount';
import { useProgrammeFollowUps } from './followups.api';
import { useFollowUpTexts } from './followups.texts';

/**
 * A programme's follow-up outcomes (docs/autonomy.md, "Follow-ups after the
 * end"), for its readers: per check (6, 12, 24 months) those due by today,
 * by state and, of those done, by work and housing. Counts only, each cell
 * as the server gives it: a suppressed one (null) says "hidden" and what
 * that means, never a number worked out here.
 */
export function ProgrammeFollowUps({ programmeId }: { programmeId: string }) {
  const { x } = useFollowUpTexts();
  const query = useProgrammeFollowUps(programmeId);
  const data = query.data;
  return (
    <section aria-labelledby="programme-follow-ups-title" className="mt-5" data-testid="programme-follow-ups">
      <h2 id="programme-follow-ups-title" className="h3">
        {x.programmeTitle}
      </h2>
      <p>{x.programmeIntro}</p>
      {query.isPending ? <Loading /> : null}
      <ProblemAlert error={query.error} />
      {data?.checks.map((c) => (
        <section key={c.months} aria-labelledby={`programme-follow-ups-${c.months}`} className="mt-3">
          <h3 id={`programme-follow-ups-${c.months}`} className="h5">
            {x.monthsAfter(c.months)}
          </h3>
          <p>
            {x.due}: <HiddenCount n={c.due} hidden={x.hidden} explained={x.suppressed(data.threshold)} />
          </p>
          <div className="row">
            <div className="col-lg-4">
              <Counts caption={x.byState(c.months)} head={x.state} kind="followUpState" codes={followUpStates} cells={c.byState} threshold={data.threshold} />
            </div>
            <div className="col-lg-4">
              <Counts caption={x.byWork(c.months)} head={x.status} kind="workStatus" codes={workStatuses} cells={c.byWork} threshold={data.threshold} />
            </div>
            <div className="col-lg-4">
              <Counts caption={x.byHousing(c.months)} head={x.status} kind="housingStatus" codes={housingStatuses} cells={c.byHousing} threshold={data.threshold} />
            </div>
          </div>
        </section>
      ))}
    </section>
  );
}

function Counts<K extends AutonomyCodeKind>({
  caption,
  head,
  kind,
  codes,
  cells,
  threshold,
}: {
  caption: string;
  head: string;
  kind: K;
  codes: readonly AutonomyCodeOf<K>[];
  cells: Record<string, number | null>;
  threshold: number;
}) {
  const { x, label } = useFollowUpTexts();
  return (
    <>
      <h4 className="h6">{caption}</h4>
      <CountsTable
        caption={caption}
        head={head}
        countHead={x.count}
        rows={codes.map((code) => ({ key: code, label: label(kind, code), n: cells[code] ?? null }))}
        hidden={x.hidden}
        explained={x.suppressed(threshold)}
      />
    </>
  );
}

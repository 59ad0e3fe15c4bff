import { Link, useParams } from 'react-router-dom';
import { projectReference } from '../../../../shared/autonomy';
import { DataTable } from '../../../ui/DataTable';
import { TableHead, end } from '../../../ui/TableHead';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useCase } from '../../cases/cases.api';
import { formatEuro } from '../programmes/programmes.api';
import { CaseAutonomyForms } from './CaseAutonomyForms';
import { IntakeInbox } from './IntakeInbox';
import { type ProjectList, useCaseProjects, useInbox } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** Projects as a table: case code, programme, areas, state, planned budget (none in the work and housing view), last change. */
function ProjectsTable({ caption, list }: { caption: string; list: ProjectList }) {
  const { lang, x, label } = useProjectTexts();
  if (!list.items.length) return <p>{x.none}</p>;
  return (
    <DataTable caption={caption}>
      <TableHead columns={[x.caseCode, x.programme, x.referring, x.areas, x.state, end(x.planned), x.when]} />
      <tbody>
        {list.items.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={`/autonomia/progetti/${p.id}`}>{p.caseCode}</Link>{' '}
              <span className="small fw-normal">{x.referenceOf(projectReference(p.id))}</span>
            </th>
            <td>{p.programme.acronym ?? p.programme.name}</td>
            <td>{p.referringOrganisation.name}</td>
            <td>{p.areas.join(', ')}</td>
            <td>{label('projectState', p.state)}</td>
            <td className="text-end">{p.plannedCents === null ? '—' : formatEuro(p.plannedCents, lang)}</td>
            <td>{formatDateTime(p.updatedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The approval inbox of the équipe's members and of the capofila. */
export function AutonomyInboxPage() {
  const { x } = useProjectTexts();
  const inbox = useInbox();
  return (
    <>
      <PageHeading>{x.inboxTitle}</PageHeading>
      <IntakeInbox />
      <h2 className="h4">{x.inboxCaption}</h2>
      <p>{x.inboxIntro}</p>
      {inbox.isPending ? <Loading /> : null}
      <ProblemAlert error={inbox.error} />
      {inbox.data ? <ProjectsTable caption={x.inboxCaption} list={inbox.data} /> : null}
    </>
  );
}

/** The projects of one case, as her side of the case's team sees them. */
export function CaseProjectsPage() {
  const { id } = useParams();
  const { x } = useProjectTexts();
  const list = useCaseProjects(id);
  // Referring and drafting are for the team holding the plan section (the server decides again).
  const record = useCase(id);
  const plan = !!record.data?.access.sections.includes('plan');
  return (
    <>
      <PageHeading>{x.caseTitle}</PageHeading>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data ? <ProjectsTable caption={x.caseCaption} list={list.data} /> : null}
      {plan && id ? <CaseAutonomyForms caseId={id} /> : null}
      <p className="mt-4">
        <Link to={`/percorsi/${id ?? ''}`}>{x.caseCode}</Link>
      </p>
    </>
  );
}

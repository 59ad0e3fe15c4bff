import { Link } from 'react-router-dom';
import { can, useMe } from '../../../api/session';
import { permissions } from '../../../api/permissions';
import { DataTable } from '../../../ui/DataTable';
import { end, TableHead } from '../../../ui/TableHead';
import { formatDate } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { formatEuro, useProgrammes } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';

/** Programmi: those she may read (her networks as coordinator, her organisation a partner or an équipe member). */
export function ProgrammesPage() {
  const { lang, x, label } = useProgrammeTexts();
  const me = useMe().data;
  const list = useProgrammes();
  return (
    <>
      <PageHeading>{x.listTitle}</PageHeading>
      <p>{x.listIntro}</p>
      {can(me, permissions.autonomyProgrammeManage) && list.data && list.data.networks.length > 0 ? (
        <p>
          <Link to="/autonomia/programmi/nuovo" className="btn btn-primary">
            {x.new}
          </Link>
        </p>
      ) : null}
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{x.none}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={x.listCaption}>
          <TableHead columns={[x.name, x.network, x.capofila, x.state, x.period, end(x.total)]} />
          <tbody>
            {list.data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/autonomia/programmi/${p.id}`}>{p.acronym && !p.name.includes(p.acronym) ? `${p.acronym} – ${p.name}` : p.name}</Link>
                </th>
                <td>{p.network.name}</td>
                <td>{p.capofila.name}</td>
                <td>{label('programmeState', p.state)}</td>
                <td>
                  {formatDate(p.startsOn, lang)} – {formatDate(p.endsOn, lang)}
                </td>
                <td className="text-end">{formatEuro(p.totalCents, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </>
  );
}

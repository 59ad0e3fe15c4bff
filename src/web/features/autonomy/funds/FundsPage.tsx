import { Link } from 'react-router-dom';
import { DataTable } from '../../../ui/DataTable';
import { end, TableHead } from '../../../ui/TableHead';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { formatEuro } from '../programmes/money';
import { useFundsYears } from './funds.api';
import { useFundsTexts } from './funds.texts';
import { OpenYearForm } from './OpenYearForm';

/** Fondi regionali: the years she may see; the capofila opens a year for a network she manages. */
export function FundsPage() {
  const { lang, x, label } = useFundsTexts();
  const list = useFundsYears();
  return (
    <>
      <PageHeading>{x.listTitle}</PageHeading>
      <p>{x.listIntro}</p>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{x.none}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <DataTable caption={x.listCaption}>
          <TableHead columns={[x.year, x.network, x.capofila, x.planState, end(x.contribution)]} />
          <tbody>
            {list.data.items.map((y) => (
              <tr key={y.id}>
                <th scope="row">
                  <Link to={`/autonomia/fondi/${y.id}`}>{y.year}</Link>
                </th>
                <td>{y.network.name}</td>
                <td>{y.capofila.name}</td>
                <td>{label('planState', y.planState)}</td>
                <td className="text-end">{formatEuro(y.contributionCents, lang)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {list.data && list.data.networks.length > 0 ? <OpenYearForm networks={list.data.networks} /> : null}
    </>
  );
}

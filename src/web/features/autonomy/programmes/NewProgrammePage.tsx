import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { lia2Frame, lia2Programme, lia2Results } from '../../../../shared/autonomy.frames';
import { DataTable } from '../../../ui/DataTable';
import { FieldIssuesTable } from '../../../ui/FieldIssuesTable';
import { SelectField, TextField } from '../../../ui/fields';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { formatEuro, parseEuro, useProgrammeWrites, useProgrammes } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';

/**
 * A new programme (the coordinator of the network), from the L.I.A. 2
 * frame: its data, its total and the caps per project, which the sheet
 * leaves ambiguous for housing ("€ 1.5000,00"); the frame's four expected
 * results follow. Partners, budgets and équipes are set on its page.
 */
export function NewProgrammePage() {
  const { lang, x } = useProgrammeTexts();
  const navigate = useNavigate();
  const writes = useProgrammeWrites();
  const list = useProgrammes();
  const networks = list.data?.networks ?? [];
  const [networkId, setNetworkId] = useState('');
  const [name, setName] = useState<string>(lia2Programme.name);
  const [acronym, setAcronym] = useState<string>(lia2Programme.acronym);
  const [decreeRef, setDecreeRef] = useState<string>(lia2Programme.decreeRef);
  const [startsOn, setStartsOn] = useState<string>(lia2Programme.startsOn);
  const [endsOn, setEndsOn] = useState<string>(lia2Programme.endsOn);
  const [total, setTotal] = useState('');
  const [caps, setCaps] = useState(() => lia2Frame.caps.map((c) => (c.amountCents / 100).toFixed(2).replace('.', lang === 'it' ? ',' : '.')));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const totalCents = parseEuro(total);
    const capCents = caps.map(parseEuro);
    const bad: Record<string, string> = {};
    if (totalCents === null) bad.total = x.amountInvalid;
    capCents.forEach((c, i) => {
      if (c === null) bad[`cap${i}`] = x.amountInvalid;
    });
    setInvalid(bad);
    if (Object.keys(bad).length) return;
    const frame = { ...lia2Frame, caps: lia2Frame.caps.map((c, i) => ({ ...c, amountCents: capCents[i]! })) };
    setPending(true);
    setError(null);
    writes
      .create({ networkId: networkId || networks[0]?.id || '', name, acronym: acronym || undefined, decreeRef: decreeRef || undefined, startsOn, endsOn, totalCents: totalCents!, frame })
      .then((p) => writes.results(p, { results: lia2Results }))
      .then((p) => navigate(`/autonomia/programmi/${p.id}`))
      .catch((err: unknown) => setError(err))
      .finally(() => setPending(false));
  };

  if (list.isPending) return <Loading />;
  return (
    <>
      <PageHeading>{x.new}</PageHeading>
      <p>{x.newIntro}</p>
      <ProblemAlert error={error ?? list.error} />
      <FieldIssuesTable error={error} caption={x.errorsCaption} first={{ header: x.where, cell: (e) => e.pointer.replace(/^\/body\//, '') }} />
      <form onSubmit={onSubmit} noValidate>
        <SelectField id="programme-network" label={x.network} value={networkId || networks[0]?.id || ''} onChange={(e) => setNetworkId(e.target.value)} options={networks.map((n) => ({ value: n.id, label: n.name }))} required />
        <TextField id="programme-name" label={x.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <div className="row">
          <div className="col-md-4">
            <TextField id="programme-acronym" label={x.acronym} value={acronym} onChange={(e) => setAcronym(e.target.value)} maxLength={40} />
          </div>
          <div className="col-md-8">
            <TextField id="programme-decree" label={x.decree} value={decreeRef} onChange={(e) => setDecreeRef(e.target.value)} maxLength={200} />
          </div>
        </div>
        <div className="row">
          <div className="col-md-4">
            <TextField id="programme-starts" type="date" label={x.startsOn} value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required />
          </div>
          <div className="col-md-4">
            <TextField id="programme-ends" type="date" label={x.endsOn} value={endsOn} onChange={(e) => setEndsOn(e.target.value)} required />
          </div>
          <div className="col-md-4">
            <TextField id="programme-total" label={x.total} hint={x.totalHint} inputMode="decimal" value={total} onChange={(e) => setTotal(e.target.value)} error={invalid.total} required />
          </div>
        </div>
        <fieldset className="mb-4">
          <legend className="h5">{x.frameFrom}</legend>
          <p>{x.frameLia2}</p>
          <DataTable caption={x.capsLegend}>
            <thead>
              <tr>
                <th scope="col">{x.name}</th>
                <th scope="col">{x.capAxes}</th>
                <th scope="col">{x.amount}</th>
                <th scope="col">{x.note}</th>
              </tr>
            </thead>
            <tbody>
              {lia2Frame.caps.map((c, i) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td>{c.axes.join(', ')}</td>
                  <td>
                    <TextField
                      id={`programme-cap-${c.code}`}
                      label={`${x.amount}: ${c.name}`}
                      inputMode="decimal"
                      value={caps[i] ?? ''}
                      onChange={(e) => setCaps((prev) => prev.map((v, j) => (j === i ? e.target.value : v)))}
                      error={invalid[`cap${i}`]}
                      hint={formatEuro(c.amountCents, lang)}
                    />
                  </td>
                  <td className="small">{c.note}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={pending || networks.length === 0}>
          {x.create}
        </button>
      </form>
    </>
  );
}

import { useNavigate } from 'react-router-dom';
import { lia2Frame, lia2Programme, lia2Results } from '../../../../shared/autonomy.frames';
import { programmeCreate } from '../../../../shared/autonomy.programmes.api';
import { DataTable } from '../../../ui/DataTable';
import { TableHead } from '../../../ui/TableHead';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { PageHeading } from '../../../ui/PageHeading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { euroText } from './money';
import { newProgrammeForm } from './programme.form';
import { formatEuro, useProgrammeWrites, useProgrammes } from './programmes.api';
import { useProgrammeTexts } from './programmes.texts';

/**
 * A new programme (the coordinator of the network), from the L.I.A. 2
 * frame: its data, its total and the caps per project, which the sheet
 * leaves ambiguous for housing ("€ 1.5000,00"); the frame's four expected
 * results follow. Partners, budgets and équipes are set on its page.
 * Checked with the API's schema (programme.form.ts); the error summary
 * names and links every field, a cap's errors included.
 */
export function NewProgrammePage() {
  const { x } = useProgrammeTexts();
  const list = useProgrammes();
  if (list.isPending) return <Loading />;
  return (
    <>
      <PageHeading>{x.new}</PageHeading>
      <p>{x.newIntro}</p>
      <ProblemAlert error={list.error} />
      <NewProgrammeForm networks={list.data?.networks ?? []} />
    </>
  );
}

function NewProgrammeForm({ networks }: { networks: readonly { id: string; name: string }[] }) {
  const { lang, x } = useProgrammeTexts();
  const navigate = useNavigate();
  const writes = useProgrammeWrites();
  const { pending, error, run } = useRun();
  const form = useSchemaForm(newProgrammeForm, {
    defaultValues: {
      networkId: networks[0]?.id ?? '',
      name: lia2Programme.name,
      acronym: lia2Programme.acronym,
      decreeRef: lia2Programme.decreeRef,
      startsOn: lia2Programme.startsOn,
      endsOn: lia2Programme.endsOn,
      totalCents: '',
      caps: lia2Frame.caps.map((c) => euroText(c.amountCents, lang)),
    },
  });
  const capId = (code: string) => `programme-cap-${code}`;
  const fields = {
    networkId: { id: 'programme-network', label: x.network },
    name: { id: 'programme-name', label: x.name },
    acronym: { id: 'programme-acronym', label: x.acronym },
    decreeRef: { id: 'programme-decree', label: x.decree },
    startsOn: { id: 'programme-starts', label: x.startsOn },
    endsOn: { id: 'programme-ends', label: x.endsOn },
    totalCents: { id: 'programme-total', label: x.total },
    // The caps as typed, and as the API names them (inside the frame).
    ...Object.fromEntries(lia2Frame.caps.flatMap((c, i) => [`caps.${i}`, `frame.caps.${i}`].map((path) => [path, { id: capId(c.code), label: `${x.amount}: ${c.name}` }]))),
    frame: { id: capId(lia2Frame.caps[0]?.code ?? ''), label: x.frameFrom },
  };
  const messages = useFormMessages(form.formState.errors, error, fields, { invalid_format: x.amountInvalid });
  const field = (name: 'networkId' | 'name' | 'acronym' | 'decreeRef' | 'startsOn' | 'endsOn' | 'totalCents') => ({ ...fields[name], error: messages.at(name), ...form.register(name) });

  return (
    <>
      <ProblemAlert error={error} />
      <form
        onSubmit={form.handleSubmit((body) =>
          run(() =>
            writes
              .create(body)
              .then((p) => writes.results(p, { results: lia2Results }))
              .then((p) => navigate(`/autonomia/programmi/${p.id}`)),
          ),
        )}
        noValidate
      >
        <ErrorSummary id="programme-errors" items={messages.summary} />
        <SelectField {...field('networkId')} options={networks.map((n) => ({ value: n.id, label: n.name }))} required />
        <TextField {...field('name')} required maxLength={maxLengthOf(programmeCreate.shape.name)} />
        <div className="row">
          <div className="col-md-4">
            <TextField {...field('acronym')} maxLength={maxLengthOf(programmeCreate.shape.acronym)} />
          </div>
          <div className="col-md-8">
            <TextField {...field('decreeRef')} maxLength={maxLengthOf(programmeCreate.shape.decreeRef)} />
          </div>
        </div>
        <div className="row">
          <div className="col-md-4">
            <TextField {...field('startsOn')} type="date" required />
          </div>
          <div className="col-md-4">
            <TextField {...field('endsOn')} type="date" required />
          </div>
          <div className="col-md-4">
            <TextField {...field('totalCents')} hint={x.totalHint} inputMode="decimal" required />
          </div>
        </div>
        <fieldset className="mb-4">
          <legend className="h5">{x.frameFrom}</legend>
          <p>{x.frameLia2}</p>
          <DataTable caption={x.capsLegend}>
            <TableHead columns={[x.name, x.capAxes, x.amount, x.note]} />
            <tbody>
              {lia2Frame.caps.map((c, i) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td>{c.axes.join(', ')}</td>
                  <td>
                    <TextField
                      id={capId(c.code)}
                      label={`${x.amount}: ${c.name}`}
                      inputMode="decimal"
                      {...form.register(`caps.${i}`)}
                      error={messages.at(`caps.${i}`) ?? messages.at(`frame.caps.${i}`)}
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

import { useState } from 'react';
import { SelectField, TextAreaField } from '../../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { intakeCreate } from '../../../../shared/autonomy.projects.api';
import { useProgramme, useProgrammes } from '../programmes/programmes.api';
import { focusFirstError, referForm } from './intake.form';
import { useIntakeWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

const ids = { programmeId: 'refer-programme', equipeId: 'refer-equipe', note: 'refer-note' };

/** "Segnala al programma": her case to one équipe of a running programme she may read. */
export function ReferForm({ caseId }: { caseId: string }) {
  const { x } = useProjectTexts();
  const programmes = useProgrammes();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
  const [done, setDone] = useState(false);
  const form = useSchemaForm(referForm, { defaultValues: { programmeId: '', equipeId: '', note: '' } });
  const programmeId = form.watch('programmeId') as string;
  const programme = useProgramme(programmeId || undefined);
  const running = (programmes.data?.items ?? []).filter((p) => p.state === 'attivo');
  const fields = {
    programmeId: { id: ids.programmeId, label: x.chooseProgramme },
    equipeId: { id: ids.equipeId, label: x.chooseEquipe },
    note: { id: ids.note, label: x.referNote },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const field = (name: keyof typeof fields) => ({ ...fields[name], error: messages.at(name), ...form.register(name) });
  const programmeField = form.register('programmeId', { onChange: () => form.setValue('equipeId', '') });
  return (
    <form
      noValidate
      className="mb-5"
      aria-labelledby="refer-title"
      onSubmit={(e) => {
        setDone(false);
        return form.handleSubmit(
          (body) =>
            run(() =>
              writes.refer({ ...body, caseId }).then(() => {
                setDone(true);
                form.reset({ programmeId: body.programmeId, equipeId: '', note: '' });
              }),
            ),
          focusFirstError(ids),
        )(e);
      }}
    >
      <h2 id="refer-title" className="h4">
        {x.referTitle}
      </h2>
      <p>{x.referIntro}</p>
      {programmes.isPending ? <Loading /> : null}
      <ProblemAlert error={programmes.error ?? programme.error} />
      <ProblemAlert error={error} />
      {done ? <SuccessAlert>{x.referDone}</SuccessAlert> : null}
      {programmes.data && !running.length ? <p>{x.noProgrammes}</p> : null}
      {running.length ? (
        <>
          <SelectField
            {...field('programmeId')}
            {...programmeField}
            required
            aria-required="true"
            placeholder="—"
            options={running.map((p) => ({ value: p.id, label: p.acronym ? `${p.acronym} – ${p.name}` : p.name }))}
          />
          <SelectField
            {...field('equipeId')}
            required
            aria-required="true"
            disabled={!programme.data}
            placeholder="—"
            options={(programme.data?.equipes ?? []).map((q) => ({ value: q.id, label: q.name }))}
          />
          <TextAreaField {...field('note')} maxLength={maxLengthOf(intakeCreate.shape.note)} />
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {x.referSubmit}
          </button>
        </>
      ) : null}
    </form>
  );
}

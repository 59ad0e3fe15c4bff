import { Controller } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { CheckboxGroup, SelectField, TextAreaField } from '../../../ui/fields';
import { maxLengthOf, useFormMessages, useSchemaForm } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { useProgramme } from '../programmes/programmes.api';
import { focusFirstError, fromIntake, newProjectForm } from './intake.form';
import { type Intake, useIntakeWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** "Nuovo progetto": a draft from an admitted referral of the case, its areas from the programme's frame. */
export function NewProjectForm({ caseId, intakes }: { caseId: string; intakes: readonly Intake[] }) {
  const { x } = useProjectTexts();
  const navigate = useNavigate();
  const writes = useIntakeWrites();
  const { pending, error, run } = useRun();
  // The case's referrals come filtered by the server (`caseId`): the admitted ones are the sources of a project.
  const admitted = intakes.filter((i) => i.state === 'ammessa');
  const form = useSchemaForm(newProjectForm, { defaultValues: { intakeId: '', areas: [], goals: '' } });
  const intakeId = form.watch('intakeId') as string;
  const intake = admitted.find((i) => i.id === intakeId);
  const programme = useProgramme(intake?.programme.id);
  const areaOptions = (programme.data?.frame.areas ?? []).map((a) => ({ value: a.code, label: a.name }));
  const fields = {
    intakeId: { id: 'project-intake', label: x.fromIntake },
    areas: { id: areaOptions[0] ? `project-areas-${areaOptions[0].value}` : 'project-areas', label: x.areasLegend },
    goals: { id: 'project-goals', label: x.goals },
  };
  // An empty choice of areas is said in the form's words ("Scegli almeno un'area").
  const messages = useFormMessages(form.formState.errors, error, fields, { too_small: x.areasRequired });
  const intakeField = form.register('intakeId', { onChange: () => form.setValue('areas', []) });
  return (
    <form
      noValidate
      className="mb-5"
      aria-labelledby="new-project-title"
      onSubmit={form.handleSubmit(
        (body) => run(() => writes.createProject({ ...body, caseId }).then((p) => navigate(`/autonomia/progetti/${p.id}`))),
        focusFirstError({ intakeId: fields.intakeId.id, areas: areaOptions[0] && fields.areas.id, goals: fields.goals.id }),
      )}
    >
      <h2 id="new-project-title" className="h4">
        {x.newProjectTitle}
      </h2>
      <p>{x.newProjectIntro}</p>
      <ProblemAlert error={error ?? programme.error} />
      {!admitted.length ? (
        <p>{x.noAdmitted}</p>
      ) : (
        <>
          <SelectField
            {...fields.intakeId}
            {...intakeField}
            error={messages.at('intakeId')}
            required
            aria-required="true"
            placeholder="—"
            options={admitted.map((i) => ({ value: i.id, label: `${i.programme.name} – ${i.equipe.name}` }))}
          />
          {intake ? (
            programme.isPending ? (
              <Loading />
            ) : (
              <Controller
                control={form.control}
                name="areas"
                render={({ field }) => (
                  <CheckboxGroup id="project-areas" legend={x.areasLegend} options={areaOptions} values={(field.value as string[] | undefined) ?? []} onChange={field.onChange} error={messages.at('areas')} />
                )}
              />
            )
          ) : null}
          <TextAreaField
            {...fields.goals}
            {...form.register('goals')}
            error={messages.at('goals')}
            hint={x.goalsHint}
            required
            aria-required="true"
            maxLength={maxLengthOf(fromIntake.shape.goals)}
            rows={5}
          />
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {x.createProject}
          </button>
        </>
      )}
    </form>
  );
}

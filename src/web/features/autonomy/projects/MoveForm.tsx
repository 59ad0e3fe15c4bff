import { movesNeedingReason, projectMoveReasons, type ProjectMove } from '../../../../shared/autonomy';
import { projectMove } from '../../../../shared/autonomy.projects.api';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextAreaField } from '../../../ui/fields';
import { blank, maxLengthOf, useFormMessages, useSchemaForm } from '../../../ui/form';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { type Project, useProjectWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** The API's move (src/shared/autonomy.projects.api.ts) as chosen; sending back or interrupting gives its reason, as the server requires. */
const moveForm = projectMove
  .omit({ on: true })
  .extend({ move: blank(projectMove.shape.move), reason: blank(projectMove.shape.reason), comment: blank(projectMove.shape.comment) })
  .refine((m) => !movesNeedingReason.includes(m.move) || m.reason, { path: ['reason'], error: 'reason_required' });

/** A move of the approval chain among those her side may make now (`can.moves`, the server's decision). */
export function MoveForm({ project: p }: { project: Project }) {
  const { x, label } = useProjectTexts();
  const writes = useProjectWrites();
  const { pending, error, run } = useRun();
  const form = useSchemaForm(moveForm, { defaultValues: { move: '', reason: '', comment: '' } });
  const move = form.watch('move') as ProjectMove | '';
  const needsReason = move !== '' && movesNeedingReason.includes(move);
  const fields = {
    move: { id: 'move', label: x.chooseMove },
    reason: { id: 'move-reason', label: x.reason },
    comment: { id: 'move-comment', label: x.comment },
  };
  const messages = useFormMessages(form.formState.errors, error, fields, { reason_required: x.reasonRequired });
  const field = (name: keyof typeof fields) => ({ ...fields[name], error: messages.at(name), ...form.register(name) });
  return (
    <form noValidate aria-labelledby="moves-title" onSubmit={form.handleSubmit((body) => run(() => writes.move(p, body).then(() => form.reset())))}>
      <h2 id="moves-title" className="h4">
        {x.moves}
      </h2>
      <ErrorSummary id="move-errors" items={messages.summary} />
      <ProblemAlert error={error} />
      <SelectField {...field('move')} required aria-required="true" placeholder="—" options={p.can.moves.map((m) => ({ value: m, label: label('projectMove', m) }))} />
      {needsReason ? (
        <SelectField {...field('reason')} required aria-required="true" placeholder="—" options={projectMoveReasons.map((r) => ({ value: r, label: label('projectMoveReason', r) }))} />
      ) : null}
      <TextAreaField {...field('comment')} maxLength={maxLengthOf(projectMove.shape.comment)} />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {x.moveSubmit}
      </button>
    </form>
  );
}

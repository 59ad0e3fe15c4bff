import { useState } from 'react';
import { expenseCreate } from '../../../../shared/autonomy.projects.api';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { blank, maxLengthOf, useFormMessages, useSchemaForm } from '../../../ui/form';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { useRun } from '../../../ui/useRun';
import { euroCents } from '../programmes/money.form';
import { type Project, useProjectWrites } from './projects.api';
import { useProjectTexts } from './projects.texts';

/** The API's expense (src/shared/autonomy.projects.api.ts) as typed: euros read as cents, empty fields absent. */
const expenseForm = expenseCreate.omit({ documentId: true }).extend({
  categoryCode: blank(expenseCreate.shape.categoryCode),
  partnerOrganisationId: blank(expenseCreate.shape.partnerOrganisationId),
  amountCents: euroCents(expenseCreate.shape.amountCents),
  committedOn: blank(expenseCreate.shape.committedOn),
  note: blank(expenseCreate.shape.note),
});

const empty = { categoryCode: '', partnerOrganisationId: '', amountCents: '', committedOn: '', note: '' };

/** A new expense of the project: its category, the partner whose share pays, the amount and the day it was committed. */
export function ExpenseForm({ project: p }: { project: Project }) {
  const { x } = useProjectTexts();
  const writes = useProjectWrites();
  const { pending, error, run } = useRun();
  // One key per expense typed: a retried submission is recorded once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const form = useSchemaForm(expenseForm, { defaultValues: empty });
  const fields = {
    categoryCode: { id: 'expense-category', label: x.category },
    partnerOrganisationId: { id: 'expense-partner', label: x.partner },
    amountCents: { id: 'expense-amount', label: x.amount },
    committedOn: { id: 'expense-committed', label: x.committedOn },
    note: { id: 'expense-note', label: x.note },
  };
  // An amount that does not read, or is zero, is said as the form always said it.
  const messages = useFormMessages(form.formState.errors, error, fields, { invalid_format: x.amountInvalid, too_small: x.amountInvalid });
  const field = (name: keyof typeof fields) => ({ ...fields[name], error: messages.at(name), ...form.register(name) });
  return (
    <form
      noValidate
      className="mb-4"
      aria-labelledby="expense-title"
      onSubmit={form.handleSubmit((body) =>
        run(() =>
          writes.expense(p, body, key).then(() => {
            setKey(crypto.randomUUID());
            // The category, partner and day stay for the next expense of the same kind.
            form.reset({ ...form.getValues(), amountCents: '', note: '' });
          }),
        ),
      )}
    >
      <h2 id="expense-title" className="h4">
        {x.newExpense}
      </h2>
      <p>{x.newExpenseIntro}</p>
      <ErrorSummary id="expense-errors" items={messages.summary} />
      <ProblemAlert error={error} />
      <SelectField {...field('categoryCode')} required aria-required="true" placeholder="—" options={p.frame.categories.map((c) => ({ value: c.code, label: `${c.axisCode} – ${c.name}` }))} />
      <SelectField {...field('partnerOrganisationId')} required aria-required="true" placeholder="—" options={p.frame.partners.map((o) => ({ value: o.id, label: o.name }))} />
      <TextField {...field('amountCents')} hint={x.amountHint} inputMode="decimal" required aria-required="true" />
      <TextField {...field('committedOn')} type="date" required aria-required="true" />
      <TextAreaField {...field('note')} maxLength={maxLengthOf(expenseCreate.shape.note)} />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {x.addExpense}
      </button>
    </form>
  );
}

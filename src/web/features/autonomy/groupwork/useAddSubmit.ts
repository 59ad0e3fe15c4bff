import { useState } from 'react';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import { useRun } from '../../../ui/useRun';

/**
 * The submit of a form that adds a record (an activity, a session, a
 * participant): the write runs through useRun; once it is done the form
 * empties and `done` says so. A new try, or a submit refused by the
 * schema, withdraws the `done` so an old success is never shown with new errors.
 */
export function useAddSubmit<In extends FieldValues, Out extends FieldValues>(
  form: UseFormReturn<In, unknown, Out>,
  empty: DefaultValues<In>,
  add: (body: Out) => Promise<unknown>,
) {
  const { pending, error, run } = useRun();
  const [done, setDone] = useState(false);
  const onSubmit = form.handleSubmit(
    (body) => {
      setDone(false);
      run(() =>
        add(body).then(() => {
          setDone(true);
          form.reset(empty);
        }),
      );
    },
    () => setDone(false),
  );
  return { pending, error, done, onSubmit };
}

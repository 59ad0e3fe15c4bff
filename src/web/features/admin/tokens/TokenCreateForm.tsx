import { Button } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { routingTokenCreate, tokenLifetimes } from '../../../../shared/routing.api';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/fields';
import { blank, blankNumber, useFormMessages, useSchemaForm } from '../../../ui/form';
import { ProblemAlert } from '../../../ui/ProblemAlert';
import { TokenSecret } from './TokenSecret';
import { createToken, tokensKey, useTokenAccounts, type CreatedToken } from './tokens.api';

const { shape } = routingTokenCreate;
/** One select holds the account and its organisation (an account may answer for two). */
const SEP = ' ';

/**
 * The API's rules: the chosen account is split into the account and the
 * organisation the API takes; an empty field counts as not given.
 */
const schema = z
  .object({
    account: blank(z.string().regex(/^\S+ \S+$/)),
    name: blank(shape.name),
    validForDays: blankNumber(shape.validForDays),
  })
  .transform(({ account, ...rest }) => {
    const [userId = '', organisationId = ''] = account.split(SEP);
    return { ...rest, userId, organisationId };
  })
  .pipe(routingTokenCreate);

/** A new token for a helpline operator account; its value is shown once. */
export function TokenCreateForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const accounts = useTokenAccounts();
  const empty = { account: '', name: '', validForDays: '365' };
  const form = useSchemaForm(schema, { defaultValues: empty });
  const [shown, setShown] = useState<{ created: CreatedToken; name: string } | null>(null);

  const mutation = useMutation({
    mutationFn: createToken,
    onSuccess: (created, input) => {
      setShown({ created, name: input.name });
      form.reset(empty);
      void client.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const account = { id: 'token-account', label: t('routing.tokens.fields.account') };
  const fields = {
    account,
    userId: account,
    organisationId: account,
    name: { id: 'token-name', label: t('routing.tokens.fields.name') },
    validForDays: { id: 'token-validForDays', label: t('routing.tokens.fields.validForDays') },
  };
  const messages = useFormMessages(form.formState.errors, mutation.error, fields);
  const options = (accounts.data?.items ?? []).map((a) => ({
    value: `${a.user.id}${SEP}${a.organisation.id}`,
    label: `${a.user.displayName} (${a.user.username}) · ${a.organisation.name}`,
  }));

  if (shown) {
    return <TokenSecret created={shown.created} name={shown.name} onDone={() => setShown(null)} />;
  }
  return (
    <section aria-labelledby="token-create-title" className="mb-5">
      <h2 id="token-create-title" className="h4">
        {t('routing.tokens.create.title')}
      </h2>
      {accounts.isSuccess && options.length === 0 ? <p>{t('routing.tokens.create.noAccounts')}</p> : null}
      <form noValidate onSubmit={form.handleSubmit((input) => mutation.mutate(input))} className="col-12 col-lg-8">
        <ProblemAlert error={mutation.error ?? accounts.error} />
        <ErrorSummary id="token-errors" items={messages.summary} />
        <SelectField
          id={fields.account.id}
          label={fields.account.label}
          placeholder={t('common.choose')}
          hint={t('routing.tokens.create.accountHint')}
          options={options}
          {...form.register('account')}
          error={messages.at('account') ?? messages.at('userId') ?? messages.at('organisationId')}
          aria-required="true"
        />
        <TextField
          id={fields.name.id}
          label={fields.name.label}
          hint={t('routing.tokens.create.nameHint')}
          autoComplete="off"
          maxLength={shape.name.maxLength ?? undefined}
          {...form.register('name')}
          error={messages.at('name')}
          aria-required="true"
        />
        <SelectField
          id={fields.validForDays.id}
          label={fields.validForDays.label}
          options={tokenLifetimes.map((days) => ({ value: String(days), label: t('routing.tokens.create.days', { count: days }) }))}
          {...form.register('validForDays')}
          error={messages.at('validForDays')}
          aria-required="true"
        />
        <Button type="submit" color="primary" disabled={mutation.isPending} aria-busy={mutation.isPending}>
          {t('routing.tokens.create.submit')}
        </Button>
      </form>
    </section>
  );
}

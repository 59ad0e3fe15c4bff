import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { networkPatch } from '../../../shared/directory.api';
import { DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { blank, maxLengthOf, useFormMessages, useSchemaForm, type FormField } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import type { Named, NetworkComune, NetworkDetail, NetworkPatch } from './directory.api';
import { emptyAsNull } from './directory.form';

interface Props {
  network: NetworkDetail;
  sportelli: Named[];
  readOnly: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (patch: NetworkPatch) => void;
}

/** What the territory form holds: the comuni as shown (name and province), the referent per comune. */
interface TerritoryValues {
  name: string;
  referentSportelloId: string;
  comuni: NetworkComune[];
  referentOverrides: { comune: string; sportelloId: string }[];
}

const rules = networkPatch.shape;
/** The API's rules (`networkPatch`) read from the form: the name is required here, the comuni go as their codes. */
const schema = networkPatch.extend({
  name: blank(rules.name.unwrap()),
  referentSportelloId: emptyAsNull(rules.referentSportelloId),
  comuni: z.preprocess((list) => (Array.isArray(list) ? list.map((c: NetworkComune) => c.istatCode) : list), rules.comuni),
}) as unknown as z.ZodType<NetworkPatch, TerritoryValues>;

/**
 * A network's territory: its comuni (one network per comune), the 1522
 * referent sportello and, per comune, an optional other referent. Saved
 * as a whole, with the version read.
 */
export function NetworkTerritory({ network, sportelli, readOnly, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const form = useSchemaForm(schema, {
    defaultValues: {
      name: network.name,
      referentSportelloId: network.referent?.id ?? '',
      comuni: network.comuni,
      referentOverrides: network.comuni.flatMap((c) => (c.referentOverride ? [{ comune: c.istatCode, sportelloId: c.referentOverride.id }] : [])),
    },
  });
  const comuni = form.watch('comuni');
  const overrides = form.watch('referentOverrides');
  const [comuneText, setComuneText] = useState('');
  const [added, setAdded] = useState('');
  const options = sportelli.map((s) => ({ value: s.id, label: s.name }));
  const fields: Record<string, FormField> = {
    name: { id: 'network-name', label: t('directory.network.name') },
    referentSportelloId: { id: 'network-referent', label: t('directory.networks.referent') },
    comuni: { id: 'network-add-comune', label: t('directory.network.addComune') },
    ...Object.fromEntries(
      overrides.map((o, i) => {
        const comune = comuni.find((c) => c.istatCode === o.comune);
        return [`referentOverrides.${i}`, { id: `network-override-${o.comune}`, label: t('directory.network.overrideFor', { comune: comune?.name ?? o.comune }) }];
      }),
    ),
  };
  const messages = useFormMessages(form.formState.errors, error, fields);
  const set = <K extends 'comuni' | 'referentOverrides'>(key: K, value: TerritoryValues[K]) => form.setValue(key, value as never, { shouldDirty: true });
  const overrideOf = (code: string) => overrides.find((o) => o.comune === code)?.sportelloId ?? '';
  const setOverride = (code: string, sportelloId: string) =>
    set('referentOverrides', [...overrides.filter((o) => o.comune !== code), ...(sportelloId ? [{ comune: code, sportelloId }] : [])]);
  const overrideError = (code: string) => {
    const i = overrides.findIndex((o) => o.comune === code);
    return i < 0 ? undefined : messages.at(`referentOverrides.${i}`);
  };

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} aria-label={t('directory.network.formLabel')}>
      <ProblemAlert error={error} />
      <ErrorSummary id="network-errors" items={messages.summary} />
      <fieldset disabled={readOnly}>
        <TextField id={fields.name!.id} label={fields.name!.label} maxLength={maxLengthOf(rules.name)} {...form.register('name')} error={messages.at('name')} aria-required="true" />
        <SelectField
          id={fields.referentSportelloId!.id}
          label={fields.referentSportelloId!.label}
          hint={t('directory.network.referentHint')}
          placeholder={t('directory.network.noReferent')}
          options={options}
          {...form.register('referentSportelloId')}
          error={messages.at('referentSportelloId')}
        />
        <h2 className="h4">{t('directory.network.comuniTitle', { count: comuni.length })}</h2>
        {readOnly ? null : (
          <div className="row g-3 align-items-start mb-3">
            <div className="col-12 col-md-8">
              <ComuneCombobox
                id={fields.comuni!.id}
                label={fields.comuni!.label}
                hint={t('directory.network.addComuneHint')}
                error={messages.at('comuni')}
                text={comuneText}
                onText={setComuneText}
                onPick={(c) => {
                  setComuneText('');
                  if (!comuni.some((x) => x.istatCode === c.istatCode)) {
                    set('comuni', [...comuni, { istatCode: c.istatCode, name: c.name, provinceSigla: c.provinceSigla, referentOverride: null }]);
                  }
                  setAdded(t('directory.network.added', { comune: c.name }));
                }}
              />
            </div>
          </div>
        )}
        <div className="visually-hidden" aria-live="polite">
          {added}
        </div>
        <DataTable caption={t('directory.network.comuniCaption', { network: network.name })}>
          <thead>
            <tr>
              <th scope="col">{t('directory.fields.comune')}</th>
              <th scope="col">{t('directory.network.istat')}</th>
              <th scope="col">{t('directory.network.override')}</th>
              {readOnly ? null : <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {comuni.map((c) => (
              <tr key={c.istatCode}>
                <th scope="row" className="fw-normal">
                  {c.name} ({c.provinceSigla})
                </th>
                <td>{c.istatCode}</td>
                <td>
                  {readOnly ? (
                    (c.referentOverride?.name ?? '—')
                  ) : (
                    <select
                      id={`network-override-${c.istatCode}`}
                      aria-label={t('directory.network.overrideFor', { comune: c.name })}
                      aria-invalid={overrideError(c.istatCode) ? true : undefined}
                      value={overrideOf(c.istatCode)}
                      onChange={(e) => setOverride(c.istatCode, e.currentTarget.value)}
                    >
                      <option value="">{t('directory.network.sameReferent')}</option>
                      {options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                {readOnly ? null : (
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-danger"
                      onClick={() => {
                        set(
                          'comuni',
                          comuni.filter((x) => x.istatCode !== c.istatCode),
                        );
                        set(
                          'referentOverrides',
                          overrides.filter((o) => o.comune !== c.istatCode),
                        );
                        setAdded(t('directory.network.removed', { comune: c.name }));
                      }}
                    >
                      {t('directory.network.remove', { comune: c.name })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="btn btn-primary mt-3" disabled={pending} aria-busy={pending}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}

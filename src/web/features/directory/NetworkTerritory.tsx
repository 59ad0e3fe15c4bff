import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable';
import { SelectField, TextField } from '../../ui/fields';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useFieldErrors } from '../../ui/useFieldErrors';
import { ComuneCombobox } from '../routing/ComuneCombobox';
import type { Named, NetworkComune, NetworkDetail, NetworkPatch } from './directory.api';

interface Props {
  network: NetworkDetail;
  sportelli: Named[];
  readOnly: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (patch: NetworkPatch) => void;
}

/**
 * A network's territory: its comuni (one network per comune), the 1522
 * referent sportello and, per comune, an optional other referent. Saved
 * as a whole, with the version read.
 */
export function NetworkTerritory({ network, sportelli, readOnly, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const server = useFieldErrors(error);
  const [name, setName] = useState(network.name);
  const [referent, setReferent] = useState(network.referent?.id ?? '');
  const [comuni, setComuni] = useState<NetworkComune[]>(network.comuni);
  const [overrides, setOverrides] = useState<Record<string, string>>(() =>
    Object.fromEntries(network.comuni.filter((c) => c.referentOverride).map((c) => [c.istatCode, c.referentOverride!.id])),
  );
  const [comuneText, setComuneText] = useState('');
  const [added, setAdded] = useState('');
  const options = sportelli.map((s) => ({ value: s.id, label: s.name }));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const codes = comuni.map((c) => c.istatCode);
    onSubmit({
      name: name.trim(),
      comuni: codes,
      referentSportelloId: referent || null,
      referentOverrides: codes.filter((c) => overrides[c]).map((c) => ({ comune: c, sportelloId: overrides[c]! })),
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('directory.network.formLabel')}>
      <ProblemAlert error={error} />
      <fieldset disabled={readOnly}>
        <TextField id="network-name" label={t('directory.network.name')} value={name} maxLength={200} onChange={(e) => setName(e.currentTarget.value)} error={server.name} />
        <SelectField
          id="network-referent"
          label={t('directory.networks.referent')}
          hint={t('directory.network.referentHint')}
          placeholder={t('directory.network.noReferent')}
          options={options}
          value={referent}
          onChange={(e) => setReferent(e.currentTarget.value)}
          error={server.referentSportelloId}
        />
        <h2 className="h4">{t('directory.network.comuniTitle', { count: comuni.length })}</h2>
        {readOnly ? null : (
          <div className="row g-3 align-items-start mb-3">
            <div className="col-12 col-md-8">
              <ComuneCombobox
                id="network-add-comune"
                label={t('directory.network.addComune')}
                hint={t('directory.network.addComuneHint')}
                error={server.comuni}
                text={comuneText}
                onText={setComuneText}
                onPick={(c) => {
                  setComuneText('');
                  if (!comuni.some((x) => x.istatCode === c.istatCode)) {
                    setComuni((list) => [...list, { istatCode: c.istatCode, name: c.name, provinceSigla: c.provinceSigla, referentOverride: null }]);
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
                      aria-label={t('directory.network.overrideFor', { comune: c.name })}
                      value={overrides[c.istatCode] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setOverrides((o) => ({ ...o, [c.istatCode]: value }));
                      }}
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
                        setComuni((list) => list.filter((x) => x.istatCode !== c.istatCode));
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

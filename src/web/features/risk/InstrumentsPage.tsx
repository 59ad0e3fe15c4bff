import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import example from '../../../shared/risk-instruments/example.json';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { FieldIssuesTable } from '../../ui/FieldIssuesTable';
import { SelectField, TextAreaField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { useLabels } from '../../ui/labels';
import { formatInstant } from '../cases/cases.format';
import { useDirectoryNetworks } from '../directory/directory.api';
import { instrumentsKey, loadInstrument, retireInstrument, useInstruments } from './risk.api';
import { inFile, placeOf } from './risk.pointer';
import type { InstrumentSummary } from './risk.types';
import './risk.css';

const TEXT_ID = 'instrument-text';

/** The networks she may load into: every one for the instance admin, those her organisation leads for a coordinator. */
function useLoadableNetworks() {
  const me = useMe().data;
  const networks = useDirectoryNetworks();
  const own = me?.organisation?.id;
  const admin = !!me?.user.isInstanceAdmin;
  const items = (networks.data?.items ?? []).filter((n) => admin || (me?.role === 'network_coordinator' && n.capofila?.id === own));
  return { pending: networks.isPending, items };
}

function InstrumentsTable({ items, mayManage }: { items: InstrumentSummary[]; mayManage: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const client = useQueryClient();
  const retire = useMutation({ mutationFn: retireInstrument, onSuccess: () => client.invalidateQueries({ queryKey: instrumentsKey }) });
  if (!items.length) return <p>{t('risk.instruments.none')}</p>;
  return (
    <>
      <ProblemAlert error={retire.error} />
      <DataTable caption={t('risk.instruments.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('risk.instruments.name')}</th>
            <th scope="col">{t('risk.instruments.code')}</th>
            <th scope="col">{t('risk.instruments.network')}</th>
            <th scope="col">{t('risk.instruments.rule')}</th>
            <th scope="col">{t('risk.instruments.loaded')}</th>
            <th scope="col">{t('risk.instruments.state')}</th>
            {mayManage ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <th scope="row" className="fw-normal">
                {i.title[lang]}
                {i.example ? <span className="case-badge risk-example-badge d-block mt-1">{t('risk.exampleBadge')}</span> : null}
              </th>
              <td>
                <code>{i.code}</code> {t('risk.instruments.version', { version: i.version })}
              </td>
              <td>{i.network.name}</td>
              <td>{t(`risk.instruments.rules.${i.rule}`, { count: i.items })}</td>
              <td>{i.loadedBy ? t('risk.instruments.loadedBy', { at: formatInstant(i.loadedAt, lang), name: i.loadedBy }) : formatInstant(i.loadedAt, lang)}</td>
              <td>{i.retiredAt ? t('risk.instruments.retired', { at: formatInstant(i.retiredAt, lang) }) : t('risk.instruments.inUse')}</td>
              {mayManage ? (
                <td>
                  {i.retiredAt ? null : (
                    <ConfirmButton label={t('risk.instruments.retire')} question={t('risk.instruments.retireQuestion', { name: i.title[lang], version: i.version })} pending={retire.isPending} onConfirm={() => retire.mutate(i.id)} />
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

/**
 * The risk-assessment instruments of her networks: the list, and loading a
 * new one (a JSON file, or pasted) whose issues come back from the server
 * at their pointers. The shipped example can be loaded to try Trama out;
 * it is not a validated tool and says so wherever it appears.
 */
export function InstrumentsPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const me = useMe().data;
  const mayManage = can(me, permissions.riskInstrumentsManage);
  const client = useQueryClient();
  const list = useInstruments(true);
  const networks = useLoadableNetworks();
  const [networkId, setNetworkId] = useState('');
  const [text, setText] = useState('');
  const [readError, setReadError] = useState('');
  const [sent, setSent] = useState<unknown>(null);
  const network = networkId || (networks.items.length === 1 ? (networks.items[0]?.id ?? '') : '');
  const load = useMutation({
    mutationFn: (content: unknown) => loadInstrument(network, content),
    onSuccess: () => client.invalidateQueries({ queryKey: instrumentsKey }),
  });

  const send = (content: unknown) => {
    setSent(content);
    load.mutate(content);
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.currentTarget.files?.[0];
    load.reset();
    setReadError('');
    if (chosen) setText(await chosen.text());
  };
  const onLoad = () => {
    load.reset();
    setReadError('');
    try {
      send(JSON.parse(text) as unknown);
    } catch {
      setReadError(t('risk.instruments.notJson'));
    }
  };
  const done = load.data;

  return (
    <>
      <PageHeading>{t('risk.instruments.title')}</PageHeading>
      <p>{t('risk.instruments.intro')}</p>
      <section aria-labelledby="instruments-list-title" className="mb-5">
        <h2 id="instruments-list-title" className="h5">
          {t('risk.instruments.listTitle')}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ProblemAlert error={list.error} />
        {list.data ? <InstrumentsTable items={list.data} mayManage={mayManage} /> : null}
      </section>

      {mayManage ? (
        <section aria-labelledby="instruments-load-title">
          <h2 id="instruments-load-title" className="h5">
            {t('risk.instruments.loadTitle')}
          </h2>
          <p>{t('risk.instruments.loadIntro')}</p>
          <p>
            {/* A same-origin GET with her session: the browser saves the schema the server checks with. */}
            <a href="/api/risk/instrument-format" download="trama-risk-instrument-1.schema.json">
              {t('risk.instruments.schemaLink')}
            </a>
          </p>
          {networks.pending ? <Loading /> : null}
          {!networks.pending && !networks.items.length ? <p>{t('risk.instruments.noNetwork')}</p> : null}
          {networks.items.length > 1 ? (
            <div className="row">
              <div className="col-12 col-md-8">
                <SelectField
                  id="instrument-network"
                  label={t('risk.instruments.network')}
                  value={networkId}
                  onChange={(e) => setNetworkId(e.currentTarget.value)}
                  placeholder={t('common.choose')}
                  options={networks.items.map((n) => ({ value: n.id, label: n.name }))}
                />
              </div>
            </div>
          ) : networks.items[0] ? (
            <p>{t('risk.instruments.into', { network: networks.items[0].name })}</p>
          ) : null}
          <div className="form-group">
            <label htmlFor="instrument-file" className="active d-block">
              {t('risk.instruments.file')}
            </label>
            <input id="instrument-file" type="file" accept=".json,application/json" className="form-control" aria-describedby="instrument-file-hint" onChange={(e) => void onFile(e)} />
            <small id="instrument-file-hint" className="form-text d-block">
              {t('risk.instruments.fileHint')}
            </small>
          </div>
          <TextAreaField id={TEXT_ID} label={t('risk.instruments.paste')} rows={8} value={text} onChange={(e) => setText(e.currentTarget.value)} spellCheck={false} error={readError || undefined} />
          <div className="d-flex flex-wrap gap-3 mb-4">
            <button type="button" className="btn btn-primary" disabled={!network || !text.trim() || load.isPending} aria-busy={load.isPending} onClick={onLoad}>
              {t('risk.instruments.load')}
            </button>
            <button type="button" className="btn btn-outline-primary" disabled={!network || load.isPending} onClick={() => (load.reset(), setReadError(''), send(example))}>
              {t('risk.instruments.loadExample')}
            </button>
          </div>
          <p className="small">{t('risk.instruments.exampleHint')}</p>
          <div aria-live="polite">{done ? <SuccessAlert>{t('risk.instruments.loadedOk', { name: done.title[lang], version: done.version })}</SuccessAlert> : null}</div>
          <ProblemAlert error={load.error} />
          {/* The server's issues, each where it is in the file (in words and as its JSON pointer) and what is wrong. */}
          <FieldIssuesTable
            error={load.error}
            caption={(count) => t('risk.instruments.issuesCaption', { count })}
            first={{ header: t('risk.instruments.where'), cell: (e) => placeOf(e.pointer, sent, t) }}
            pointer={inFile}
            own={(e) => (inFile(e.pointer) === '/version' && e.code === 'duplicate' ? t('risk.instruments.versionTaken') : undefined)}
          />
        </section>
      ) : null}
    </>
  );
}

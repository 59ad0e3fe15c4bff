import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { openChildAsCase } from '../minors/minor.api';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { saveChild, useChildren, usePartSaved } from './cases.api';
import { formatDayLong } from './cases.format';
import { useCaseLabels } from './cases.labels';
import type { Child, ChildFields } from './cases.parts.types';
import { isStale, usePartWrite } from './cases.write';
import { ChildForm } from './ChildForm';
import { StaleCaseNotice } from './StaleCaseNotice';
import { usePartEditor } from './usePartEditor';

/** Her children, recorded with her pathway (most witnessed the violence: violenza assistita). */
export function ChildrenTab({ caseId, mayOpenCase = false }: { caseId: string; mayOpenCase?: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayWrite = can(me, permissions.caseWrite);
  const children = useChildren(caseId);
  const save = usePartWrite(caseId, 'children', (v: { target: Child | null; fields: ChildFields }) => saveChild(caseId, v.target ? { id: v.target.id, version: v.target.version } : null, v.fields));
  // One form open at a time, focus back to the button that opened it (as on the plan tab).
  const { editing, message, open, close, done } = usePartEditor(() => save.reset());
  // A child who is herself a victim becomes a case of her own (docs/minors.md): the owning organisation only.
  const partSaved = usePartSaved(caseId);
  const opening = useMutation({ mutationFn: (childId: string) => openChildAsCase(caseId, childId), onSuccess: () => partSaved('children') });

  return (
    <section aria-labelledby="case-children-title">
      <h2 id="case-children-title" className="h5">
        {t('cases.children.title')}
      </h2>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} />
      {save.error && !isStale(save.error) ? <ProblemAlert error={save.error} /> : null}
      {opening.data ? (
        <>
          <SuccessAlert>{t('minors.opened', { code: opening.data.code })}</SuccessAlert>
          <p>
            <Link to={`/percorsi/${opening.data.id}?scheda=minorenne`}>{t('minors.openedLink', { code: opening.data.code })}</Link>
          </p>
        </>
      ) : null}
      <ProblemAlert error={opening.error} />
      {children.isPending ? <Loading /> : null}
      <ProblemAlert error={children.error} />
      {children.data?.length === 0 ? <p>{t('cases.children.none')}</p> : null}
      {children.data?.map((c, i) =>
        editing === c.id ? (
          <div key={c.id} className="case-part">
            <h3 className="h6">{t('cases.children.editTitle', { n: i + 1 })}</h3>
            <ChildForm key={`${c.id}:${c.version}`} child={c} prefix={`child-${i}`} pending={save.isPending} error={save.error} onCancel={() => close(`child-edit-${c.id}`)} onSubmit={(fields) => save.mutate({ target: c, fields }, { onSuccess: () => done(t('cases.children.saved'), `child-edit-${c.id}`) })} />
          </div>
        ) : (
          <ChildCard
            key={c.id}
            child={c}
            n={i + 1}
            onEdit={mayWrite ? () => open(c.id) : undefined}
            onOpenCase={mayOpenCase && !c.ownCase ? () => opening.mutate(c.id) : undefined}
            openingPending={opening.isPending}
          />
        ),
      )}
      {mayWrite ? (
        editing === 'new' ? (
          <div className="case-part">
            <h3 className="h6">{t('cases.children.addTitle')}</h3>
            <ChildForm child={null} prefix="child-new" pending={save.isPending} error={save.error} onCancel={() => close('children-add')} onSubmit={(fields) => save.mutate({ target: null, fields }, { onSuccess: () => done(t('cases.children.added'), 'children-add') })} />
          </div>
        ) : (
          <button id="children-add" type="button" className="btn btn-outline-primary" onClick={() => open('new')}>
            {t('cases.children.add')}
          </button>
        )
      ) : null}
    </section>
  );
}

function ChildCard({ child, n, onEdit, onOpenCase, openingPending }: { child: Child; n: number; onEdit: (() => void) | undefined; onOpenCase: (() => void) | undefined; openingPending: boolean }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const yesNo = (v: boolean | null) => (v === true ? t('cases.yes') : v === false ? t('cases.no') : t('cases.notKnown'));
  const name = child.details?.firstName;
  return (
    <div className="case-part">
      <h3 className="h6">
        {t('cases.children.cardTitle', { n })}
        {name ? ` — ${name}` : ''}
        {child.age != null ? ` — ${t('cases.children.years', { count: child.age })}` : ''}
      </h3>
      <dl className="case-facts">
        <dt>{t('cases.children.livesWithMother')}</dt>
        <dd>{yesNo(child.livesWithMother)}</dd>
        <dt>{t('cases.children.witnessedViolence')}</dt>
        <dd>{yesNo(child.witnessedViolence)}</dd>
        <dt>{t('cases.children.sufferedViolence')}</dt>
        <dd>{yesNo(child.sufferedViolence)}</dd>
        <dt>{t('cases.children.custody')}</dt>
        <dd>{child.custody ? labels.label('custody', child.custody) : t('cases.notKnown')}</dd>
        <dt>{t('cases.children.needs')}</dt>
        <dd>{child.needs.length ? child.needs.map((x) => labels.label('childNeed', x)).join(', ') : '—'}</dd>
        {child.details?.birthDate ? (
          <>
            <dt>{t('cases.children.birthDate')}</dt>
            <dd>{formatDayLong(child.details.birthDate, labels.lang)}</dd>
          </>
        ) : null}
        {child.details?.school ? (
          <>
            <dt>{t('cases.children.school')}</dt>
            <dd>{child.details.school}</dd>
          </>
        ) : null}
        {child.details?.court ? (
          <>
            <dt>{t('cases.children.court')}</dt>
            <dd>{child.details.court}</dd>
          </>
        ) : null}
        {child.details?.notes ? (
          <>
            <dt>{t('cases.children.notes')}</dt>
            <dd>{child.details.notes}</dd>
          </>
        ) : null}
      </dl>
      {child.ownCase ? (
        <p>
          {t('minors.ownCase')} <Link to={`/percorsi/${child.ownCase.id}`}>{child.ownCase.code}</Link>
        </p>
      ) : null}
      <div className="d-flex flex-wrap gap-2">
        {onEdit ? (
          <button id={`child-edit-${child.id}`} type="button" className="btn btn-sm btn-outline-primary" onClick={onEdit}>
            {t('cases.children.edit', { n })}
          </button>
        ) : null}
        {onOpenCase ? <ConfirmButton label={t('minors.openAsCase', { n })} question={t('minors.openAsCaseQuestion')} onConfirm={onOpenCase} pending={openingPending} variant="primary" /> : null}
      </div>
    </div>
  );
}

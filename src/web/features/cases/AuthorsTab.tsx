import { useTranslation } from 'react-i18next';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { Loading } from '../../ui/Loading';
import { ProblemAlert, SuccessAlert } from '../../ui/ProblemAlert';
import { saveAuthor, useAuthors } from './cases.api';
import { useCaseLabels } from './cases.labels';
import type { Author, AuthorFields } from './cases.parts.types';
import { isStale, usePartWrite } from './cases.write';
import { AuthorForm } from './AuthorForm';
import { StaleCaseNotice } from './StaleCaseNotice';
import { usePartEditor } from './usePartEditor';

/** The author(s) of the violence: the owning organisation's team only (the tab exists only then). */
export function AuthorsTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayWrite = can(me, permissions.caseWrite);
  const authors = useAuthors(caseId);
  const save = usePartWrite(caseId, 'authors', (v: { target: Author | null; fields: AuthorFields }) => saveAuthor(caseId, v.target ? { id: v.target.id, version: v.target.version } : null, v.fields));
  // One form open at a time, focus back to the button that opened it (as on the plan tab).
  const { editing, message, open, close, done } = usePartEditor(() => save.reset());

  return (
    <section aria-labelledby="case-authors-title">
      <h2 id="case-authors-title" className="h5">
        {t('cases.authors.title')}
      </h2>
      <p>{t('cases.authors.intro')}</p>
      {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      <StaleCaseNotice error={save.error} />
      {save.error && !isStale(save.error) ? <ProblemAlert error={save.error} /> : null}
      {authors.isPending ? <Loading /> : null}
      <ProblemAlert error={authors.error} />
      {authors.data?.length === 0 ? <p>{t('cases.authors.none')}</p> : null}
      {authors.data?.map((a, i) =>
        editing === a.id ? (
          <div key={a.id} className="case-part">
            <h3 className="h6">{t('cases.authors.editTitle', { n: i + 1 })}</h3>
            <AuthorForm key={`${a.id}:${a.version}`} author={a} prefix={`author-${i}`} pending={save.isPending} error={save.error} onCancel={() => close(`author-edit-${a.id}`)} onSubmit={(fields) => save.mutate({ target: a, fields }, { onSuccess: () => done(t('cases.authors.saved'), `author-edit-${a.id}`) })} />
          </div>
        ) : (
          <AuthorCard key={a.id} author={a} n={i + 1} onEdit={mayWrite ? () => open(a.id) : undefined} />
        ),
      )}
      {mayWrite ? (
        editing === 'new' ? (
          <div className="case-part">
            <h3 className="h6">{t('cases.authors.addTitle')}</h3>
            <AuthorForm author={null} prefix="author-new" pending={save.isPending} error={save.error} onCancel={() => close('authors-add')} onSubmit={(fields) => save.mutate({ target: null, fields }, { onSuccess: () => done(t('cases.authors.added'), 'authors-add') })} />
          </div>
        ) : (
          <button id="authors-add" type="button" className="btn btn-outline-primary" onClick={() => open('new')}>
            {t('cases.authors.add')}
          </button>
        )
      ) : null}
    </section>
  );
}

function AuthorCard({ author, n, onEdit }: { author: Author; n: number; onEdit: (() => void) | undefined }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const yesNo = (v: boolean | null) => (v === true ? t('cases.yes') : v === false ? t('cases.no') : t('cases.notKnown'));
  return (
    <div className="case-part">
      <h3 className="h6">
        {t('cases.authors.cardTitle', { n })} — {labels.label('relationship', author.relationship)}
      </h3>
      <dl className="case-facts">
        <dt>{t('cases.authors.childrenInCommon')}</dt>
        <dd>{yesNo(author.childrenInCommon)}</dd>
        <dt>{t('cases.authors.weapons')}</dt>
        <dd>{yesNo(author.weapons)}</dd>
        <dt>{t('cases.authors.previousReports')}</dt>
        <dd>{yesNo(author.previousReports)}</dd>
        {author.details?.name ? (
          <>
            <dt>{t('cases.authors.name')}</dt>
            <dd>{author.details.name}</dd>
          </>
        ) : null}
        {author.details?.description ? (
          <>
            <dt>{t('cases.authors.description')}</dt>
            <dd>{author.details.description}</dd>
          </>
        ) : null}
        {author.details?.notes ? (
          <>
            <dt>{t('cases.authors.notes')}</dt>
            <dd>{author.details.notes}</dd>
          </>
        ) : null}
      </dl>
      {onEdit ? (
        <button id={`author-edit-${author.id}`} type="button" className="btn btn-sm btn-outline-primary" onClick={onEdit}>
          {t('cases.authors.edit', { n })}
        </button>
      ) : null}
    </div>
  );
}

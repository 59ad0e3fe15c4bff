import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField } from '../../ui/fields';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { breakGlass, useCaseSaved } from './cases.api';
import { useCaseErrors } from './useCaseErrors';
import './cases.css';

/** How long an opening lasts (BREAK_GLASS_HOURS on the server), said plainly before she commits. */
const HOURS = 8;

/**
 * Break-the-glass: the head opens a case of her organisation she is not on
 * the team of. A page of its own rather than a modal: the reason is the
 * point, and it is written down, audited and shown to the team.
 */
export function BreakGlassPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const onSaved = useCaseSaved();
  const code = (location.state as { code?: string } | null)?.code;
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const open = useMutation({
    mutationFn: (text: string) => breakGlass(id, text),
    onSuccess: (record) => {
      onSaved(record);
      void navigate(`/percorsi/${record.id}`, { state: { openedWithReason: true } });
    },
  });
  const server = useCaseErrors(open.error);
  const error = local ?? server.reason;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = reason.trim();
    if (!text) {
      setLocal(t('cases.breakGlass.reasonRequired'));
      return;
    }
    setLocal(undefined);
    open.mutate(text);
  };

  return (
    <>
      <PageHeading>{code ? t('cases.breakGlass.titleFor', { code }) : t('cases.breakGlass.title')}</PageHeading>
      <div className="callout warning">
        <div className="callout-inner">
          <div className="callout-title">
            <span className="text">{t('cases.breakGlass.noticeTitle')}</span>
          </div>
          <p className="mb-0">{t('cases.breakGlass.notice', { hours: HOURS })}</p>
        </div>
      </div>
      <ErrorSummary id="break-glass-errors" items={error ? [{ field: 'break-glass-reason', message: error }] : []} />
      {open.error && !server.reason ? <ProblemAlert error={open.error} /> : null}
      <form noValidate onSubmit={submit} className="case-form mt-4" aria-label={t('cases.breakGlass.formLabel')}>
        <TextAreaField
          id="break-glass-reason"
          label={t('cases.breakGlass.reason')}
          hint={t('cases.breakGlass.reasonHint')}
          value={reason}
          maxLength={500}
          rows={4}
          required
          aria-required="true"
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <div className="d-flex flex-wrap gap-2">
          <button type="submit" className="btn btn-primary" disabled={open.isPending} aria-busy={open.isPending}>
            {t('cases.breakGlass.submit')}
          </button>
          <Link to="/percorsi" className="btn btn-outline-primary">
            {t('cases.breakGlass.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

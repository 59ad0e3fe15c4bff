import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { breakGlass as breakGlassBody } from '../../../shared/cases.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField } from '../../ui/fields';
import { blank, maxLengthOf, serverIssues, useFormMessages, useSchemaForm } from '../../ui/form';
import { PageHeading } from '../../ui/PageHeading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { breakGlass, useCaseSaved } from './cases.api';
import './cases.css';

/** How long an opening lasts (BREAK_GLASS_HOURS on the server), said plainly before she commits. */
const HOURS = 8;

const schema = breakGlassBody.extend({ reason: blank(breakGlassBody.shape.reason) });

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
  const form = useSchemaForm(schema, { defaultValues: { reason: '' } });
  const open = useMutation({
    mutationFn: (text: string) => breakGlass(id, text),
    onSuccess: (record) => {
      onSaved(record);
      void navigate(`/percorsi/${record.id}`, { state: { openedWithReason: true } });
    },
  });
  const reason = { id: 'break-glass-reason', label: t('cases.breakGlass.reason') };
  // The reason is the point of the page: its own words when it is missing.
  const messages = useFormMessages(form.formState.errors, open.error, { reason }, { required: t('cases.breakGlass.reasonRequired') });
  const hasFieldErrors = Object.keys(serverIssues(open.error)).length > 0;

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
      <ErrorSummary id="break-glass-errors" items={messages.summary} />
      {open.error && !hasFieldErrors ? <ProblemAlert error={open.error} /> : null}
      <form noValidate onSubmit={form.handleSubmit((body) => open.mutate(body.reason))} className="case-form mt-4" aria-label={t('cases.breakGlass.formLabel')}>
        <TextAreaField
          {...reason}
          hint={t('cases.breakGlass.reasonHint', { max: maxLengthOf(breakGlassBody.shape.reason) })}
          maxLength={maxLengthOf(breakGlassBody.shape.reason)}
          rows={4}
          required
          aria-required="true"
          error={messages.at('reason')}
          {...form.register('reason')}
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

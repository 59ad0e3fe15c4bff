import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CaseSection } from '../../../shared/cases';
import { memberAdd } from '../../../shared/cases.api';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../ui/fields';
import { blank, useFormMessages, useSchemaForm } from '../../ui/form';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useTeamCandidates } from './cases.api';
import { useCaseLabels } from './cases.labels';
import type { Named, TeamCandidate, TeamMember } from './cases.types';
import { inSectionOrder, useSectionsText } from './TeamList';

export interface MemberChoice {
  userId: string;
  name: string;
  referente: boolean;
  /** Only for someone of another organisation: the sections she will see. */
  sections?: CaseSection[];
}

/**
 * Candidates once each, those not on the team yet. Someone on the staff of
 * the owning organisation and of a sharing organisation joins as staff (the
 * server decides so too), so her own-staff entry wins.
 */
function available(candidates: TeamCandidate[], members: TeamMember[]): TeamCandidate[] {
  const out: TeamCandidate[] = [];
  for (const c of candidates) {
    if (members.some((m) => m.userId === c.userId)) continue;
    const seen = out.findIndex((o) => o.userId === c.userId);
    if (seen === -1) out.push(c);
    else if (c.sharedSections === null) out[seen] = c;
  }
  return out;
}

const sections = memberAdd.shape.sections.unwrap();

/**
 * Who joins, and how: `shared` is not an input but the consent's sections
 * of the person chosen (null for her own staff), so the form knows that
 * someone of another organisation needs at least one section, and only
 * among those.
 */
const schema = memberAdd
  .extend({ userId: blank(memberAdd.shape.userId), sections, shared: sections.nullable() })
  .superRefine((v, ctx) => {
    if (v.shared && !v.sections.some((s) => v.shared?.includes(s))) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'required' });
  })
  .transform(({ userId, referente, sections: picked, shared }) =>
    shared ? { userId, referente: false, sections: picked.filter((s) => shared.includes(s)) } : { userId, referente },
  );

const empty = (): z.input<typeof schema> => ({ userId: '', referente: false, sections: [], shared: null });

/**
 * The head adds someone to the team: a colleague of her organisation (every
 * section, may be the referente) or someone of an organisation a live sharing
 * consent names, who sees only the sections the head picks among those the
 * consent covers.
 */
export function TeamAddForm({ caseId, members, pending, error, onAdd }: { caseId: string; members: TeamMember[]; pending: boolean; error: unknown; onAdd: (choice: MemberChoice, reset: () => void) => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const sectionsText = useSectionsText();
  const candidates = useTeamCandidates(caseId);
  const form = useSchemaForm(schema, { defaultValues: empty() });
  const list = available(candidates.data ?? [], members);
  const chosen = list.find((c) => c.userId === form.watch('userId'));
  const shared = chosen?.sharedSections ?? null;
  const fields = {
    userId: { id: 'team-add-user', label: t('cases.team.colleague') },
    // The summary's link leads to the first box.
    sections: { id: `team-add-sections-${inSectionOrder(shared ?? [])[0] ?? ''}`, label: t('cases.team.sectionsLegend', { name: chosen?.displayName ?? '' }) },
  };
  const messages = useFormMessages(form.formState.errors, error, fields);

  const own = list.filter((c) => c.sharedSections === null);
  const organisations: Named[] = [];
  for (const c of list) if (c.sharedSections !== null && !organisations.some((o) => o.id === c.organisation.id)) organisations.push(c.organisation);
  const groups = [
    { label: t('cases.team.ownGroup'), options: own.map((c) => ({ value: c.userId, label: c.displayName })) },
    ...organisations.map((o) => ({
      label: t('cases.team.sharedGroup', { organisation: o.name }),
      options: list
        .filter((c) => c.sharedSections !== null && c.organisation.id === o.id)
        .map((c) => ({ value: c.userId, label: t('cases.team.sharedOption', { name: c.displayName, sections: sectionsText(c.sharedSections ?? []) || t('cases.team.noSections') }) })),
    })),
  ];

  const user = form.register('userId', {
    onChange: (e: { target: { value: string } }) => {
      // Everything the consent covers to start with: the head takes away what is not needed.
      const scope = list.find((c) => c.userId === e.target.value)?.sharedSections ?? null;
      form.setValue('shared', scope);
      form.setValue('sections', scope ?? []);
    },
  });
  const submit = form.handleSubmit((v) => {
    if (!chosen) return;
    onAdd({ ...v, name: chosen.displayName }, () => form.reset(empty()));
  });

  return (
    <form noValidate onSubmit={submit} className="mt-4 case-form" aria-labelledby="team-add-title">
      <h3 id="team-add-title" className="h5">
        {t('cases.team.addTitle')}
      </h3>
      <p>{t('cases.team.addHint')}</p>
      <ErrorSummary id="team-add-errors" items={messages.summary} />
      <ProblemAlert error={candidates.error} />
      <div className="row g-3 align-items-start">
        <div className="col-12 col-md-6">
          <SelectField
            {...fields.userId}
            placeholder={list.length ? t('common.choose') : t('cases.team.noCandidates')}
            options={[]}
            groups={groups}
            // Said with the choice itself, so a screen reader hears it on the select.
            hint={shared ? t('cases.team.externalNote', { organisation: chosen?.organisation.name ?? '' }) : undefined}
            error={messages.at('userId')}
            {...user}
          />
        </div>
        {shared ? null : (
          <div className="col-12 col-md-6">
            <div className="form-check mt-md-4">
              <input id="team-add-referente" type="checkbox" {...form.register('referente')} />
              <label htmlFor="team-add-referente">{t('cases.team.asReferente')}</label>
            </div>
          </div>
        )}
      </div>
      {shared ? (
        <Controller
          control={form.control}
          name="sections"
          render={({ field }) => (
            <CheckboxGroup
              id="team-add-sections"
              legend={fields.sections.label}
              hint={t('cases.team.sectionsHint')}
              options={labels.options('section', inSectionOrder(shared))}
              values={field.value ?? []}
              onChange={field.onChange}
              error={messages.at('sections')}
              emptyText={t('cases.team.noSections')}
            />
          )}
        />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('cases.team.add')}
      </button>
    </form>
  );
}

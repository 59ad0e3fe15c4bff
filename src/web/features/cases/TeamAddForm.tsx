import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSection } from '../../../shared/cases';
import { CheckboxGroup, SelectField } from '../../ui/fields';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useTeamCandidates } from './cases.api';
import { isCode, useCaseLabels } from './cases.labels';
import type { Named, TeamCandidate, TeamMember } from './cases.types';
import { inSectionOrder, useSectionsText } from './TeamList';
import { useCaseErrors } from './useCaseErrors';

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
  const [userId, setUserId] = useState('');
  const [referente, setReferente] = useState(false);
  const [sections, setSections] = useState<string[]>([]);
  const [local, setLocal] = useState<{ userId?: string; sections?: string }>({});
  const server = useCaseErrors(error);
  const list = available(candidates.data ?? [], members);
  const chosen = list.find((c) => c.userId === userId);
  const shared = chosen?.sharedSections ?? null;

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

  const pick = (value: string) => {
    setUserId(value);
    setLocal({});
    // Everything the consent covers to start with: the head takes away what is not needed.
    setSections(list.find((c) => c.userId === value)?.sharedSections ?? []);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!chosen) {
      setLocal({ userId: t('cases.team.chooseRequired') });
      document.getElementById('team-add-user')?.focus();
      return;
    }
    const picked = sections.filter((s): s is CaseSection => isCode('section', s) && (shared ?? []).includes(s));
    if (shared && picked.length === 0) {
      setLocal({ sections: t('cases.team.sectionsRequired') });
      document.getElementById(`team-add-sections-${shared[0] ?? ''}`)?.focus();
      return;
    }
    setLocal({});
    const reset = () => {
      setUserId('');
      setReferente(false);
      setSections([]);
    };
    onAdd(shared ? { userId: chosen.userId, name: chosen.displayName, referente: false, sections: picked } : { userId: chosen.userId, name: chosen.displayName, referente }, reset);
  };

  return (
    <form noValidate onSubmit={submit} className="mt-4 case-form" aria-labelledby="team-add-title">
      <h3 id="team-add-title" className="h5">
        {t('cases.team.addTitle')}
      </h3>
      <p>{t('cases.team.addHint')}</p>
      <ProblemAlert error={candidates.error} />
      <div className="row g-3 align-items-start">
        <div className="col-12 col-md-6">
          <SelectField
            id="team-add-user"
            label={t('cases.team.colleague')}
            placeholder={list.length ? t('common.choose') : t('cases.team.noCandidates')}
            options={[]}
            groups={groups}
            value={userId}
            // Said with the choice itself, so a screen reader hears it on the select.
            hint={shared ? t('cases.team.externalNote', { organisation: chosen?.organisation.name ?? '' }) : undefined}
            error={local.userId ?? server.userId}
            onChange={(e) => pick(e.currentTarget.value)}
          />
        </div>
        {shared ? null : (
          <div className="col-12 col-md-6">
            <div className="form-check mt-md-4">
              <input id="team-add-referente" type="checkbox" checked={referente} onChange={(e) => setReferente(e.currentTarget.checked)} />
              <label htmlFor="team-add-referente">{t('cases.team.asReferente')}</label>
            </div>
          </div>
        )}
      </div>
      {shared ? (
        <CheckboxGroup
          id="team-add-sections"
          legend={t('cases.team.sectionsLegend', { name: chosen?.displayName ?? '' })}
          hint={t('cases.team.sectionsHint')}
          options={labels.options('section', inSectionOrder(shared))}
          values={sections}
          onChange={setSections}
          error={local.sections ?? server.sections}
          emptyText={t('cases.team.noSections')}
        />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
        {t('cases.team.add')}
      </button>
    </form>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { caseSections } from '../../../shared/cases';
import { DataTable } from '../../ui/DataTable';
import { formatDate } from '../../ui/format';
import { useCaseLabels } from './cases.labels';
import type { TeamMember } from './cases.types';

/** Sections in the order of the case's tabs, whatever order a consent listed them in. */
export function inSectionOrder(sections: readonly string[]): (typeof caseSections)[number][] {
  return caseSections.filter((s) => sections.includes(s));
}

/** The sections a member sees, in words: "tutte" for her organisation's staff. */
export function useSectionsText() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  return (sections: readonly string[]) =>
    sections.length >= caseSections.length
      ? t('cases.team.allSections')
      : inSectionOrder(sections)
          .map((s) => labels.label('section', s))
          .join(', ');
}

/** The team of a case; `actions` adds the head's controls to each row. */
export function TeamList({ team, caption, actions }: { team: TeamMember[]; caption: string; actions?: (m: TeamMember) => ReactNode }) {
  const { t } = useTranslation();
  const { lang } = useCaseLabels();
  const sectionsText = useSectionsText();
  if (team.length === 0) return <p>{t('cases.team.empty')}</p>;
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('cases.team.member')}</th>
          <th scope="col">{t('cases.team.organisation')}</th>
          <th scope="col">{t('cases.team.role')}</th>
          <th scope="col">{t('cases.team.sections')}</th>
          <th scope="col">{t('cases.team.addedAt')}</th>
          {actions ? <th scope="col">{t('common.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {team.map((m) => (
          <tr key={m.userId}>
            <th scope="row">{m.displayName}</th>
            <td>{m.organisation.name}</td>
            <td>{m.referente ? t('cases.team.referente') : t('cases.team.memberRole')}</td>
            <td>{sectionsText(m.sections)}</td>
            <td>{formatDate(m.addedAt, lang)}</td>
            {actions ? <td>{actions(m)}</td> : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useStandards } from '../directory/directory.api';
import { formatDate } from '../../ui/format';
import { useLabels } from '../../ui/labels';
import { useStandardsFindings } from './standards-findings.api';

/**
 * The coordinator's (and a CAV head's) minimum-standard tasks on the home
 * page: each CAV of her scope below the standard, computed live by the same
 * check as the standards page (GET /api/directory/standards), so a CAV that
 * falls below it shows up here without her opening that page. Nothing shown
 * when every CAV meets the standard. The nightly check (a scheduled job,
 * directory.findings.ts) adds since which night each has been below.
 */
export function StandardsTasks() {
  const { t } = useTranslation();
  const labels = useLabels();
  const standards = useStandards(undefined);
  const findings = useStandardsFindings();
  const since = new Map((findings.data?.items ?? []).map((f) => [f.organisationId, f.belowSince]));
  const flagged = (standards.data?.items ?? []).filter((i) => i.flags.length > 0);
  if (!flagged.length) return null;
  return (
    <section aria-labelledby="home-standards" className="mt-5">
      <h2 id="home-standards" className="h4 mb-3">
        {t('home.standards.title')}
      </h2>
      <p>{t('home.standards.intro')}</p>
      <ul>
        {flagged.map((i) => (
          <li key={i.organisation.id}>
            {t('home.standards.item', { name: i.organisation.name, count: i.flags.length })}
            {since.has(i.organisation.id) ? ` ${t('home.standards.since', { date: formatDate(since.get(i.organisation.id)!, labels.lang) })}` : null}
          </li>
        ))}
      </ul>
      <Link to="/rete/standard">{t('home.standards.open')}</Link>
    </section>
  );
}

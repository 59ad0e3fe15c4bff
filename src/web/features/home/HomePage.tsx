import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { permissions } from '../../api/permissions';
import { can, useMe } from '../../api/session';
import { sections } from '../../app/sections';
import { TasksPanel } from '../cases/TasksPanel';
import { AnalystNotice } from './AnalystNotice';
import { CentreWorkload } from './CentreWorkload';
import { ShelterTasks } from './ShelterTasks';
import { StandardsTasks } from './StandardsTasks';
import { Icon } from '../../ui/Icon';
import { useLabels } from '../../ui/labels';
import { PageHeading } from '../../ui/PageHeading';

/** Who she is, for which organisation, what is due on her pathways, and the sections she can open. */
export function HomePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe().data;
  if (!me) return null;

  const available = sections.filter((s) => can(me, s.permission));
  // The analyst's own notice says what she has today.
  const analyst = me.role === 'observatory_analyst';
  // A perpetrator programme (CUAV) holds no pathways: its head has no caseload to weigh.
  const headOfCentre = can(me, permissions.caseWorkload) && me.organisation !== null && me.organisation.type !== 'cuav';

  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <p className="lead">{t('home.welcome', { name: me.user.displayName })}</p>
      {me.organisation && me.role ? (
        <p>
          {t('home.actingFor', { organisation: me.organisation.name, role: labels.role(me.role) })}
        </p>
      ) : me.user.isInstanceAdmin ? (
        <p>{t('home.instanceAdmin', { role: labels.role('instance_admin') })}</p>
      ) : null}

      {/* Her deadlines first: what is due today matters more than where things are. */}
      {can(me, permissions.caseRead) ? <TasksPanel /> : null}
      {/* The head answers for her centre: its workload in numbers, each leading to the list it counts. */}
      {headOfCentre && me.organisation ? <CentreWorkload organisation={me.organisation.name} /> : null}
      {analyst ? <AnalystNotice /> : null}
      {/* A CAV below the minimum standard is a task for the network's coordinator (and the CAV's head), not a page to remember to open. */}
      {can(me, permissions.directoryStandards) && (me.role === 'network_coordinator' || me.role === 'organisation_head') ? <StandardsTasks /> : null}
      {/* Shelter work waiting for her: overdue emergency authorisations (coordinator), decisions (social service), proposals to answer (structure). */}
      <ShelterTasks me={me} />

      {available.length > 0 ? (
        <section aria-labelledby="home-sections" className="mt-5">
          <h2 id="home-sections" className="h4 mb-3">
            {t('home.sectionsTitle')}
          </h2>
          <div className="row g-4">
            {available.map((s) => (
              <div className="col-12 col-md-6 col-lg-4" key={s.to}>
                <div className="card card-bg h-100 shadow-sm home-card">
                  <div className="card-body">
                    <h3 className="card-title h5">
                      <Link to={s.to}>{t(s.title)}</Link>
                    </h3>
                    <p className="card-text">{t(s.text)}</p>
                  </div>
                </div>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      {available.length === 0 ? (
        <div className="callout note mt-5">
          <div className="callout-inner">
            <div className="callout-title">
              <Icon name="it-info-circle" />
              <span className="text">{t('home.comingTitle')}</span>
            </div>
            <p className="mb-0">{t('home.comingText')}</p>
          </div>
        </div>
      ) : null}
    </>
  );
}

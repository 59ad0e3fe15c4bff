import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { permissions } from '../api/permissions';
import { OrganisationCreatePage, OrganisationEditPage } from '../features/admin/organisations/OrganisationEditPage';
import { OrganisationsPage } from '../features/admin/organisations/OrganisationsPage';
import { AuditPage } from '../features/admin/audit/AuditPage';
import { TokensPage } from '../features/admin/tokens/TokensPage';
import { DeadLettersPage } from '../features/admin/jobs/DeadLettersPage';
import { UserCreatePage } from '../features/admin/users/UserCreatePage';
import { UserDetailPage } from '../features/admin/users/UserDetailPage';
import { UsersPage } from '../features/admin/users/UsersPage';
import { ChooseOrganisationPage } from '../features/auth/ChooseOrganisationPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { EnrolPage } from '../features/auth/EnrolPage';
import { LoginPage } from '../features/auth/LoginPage';
import { VerifyPage } from '../features/auth/VerifyPage';
import { NotFoundPage } from '../features/errors/ErrorPages';
import { HomePage } from '../features/home/HomePage';
import { HistoryPage } from '../features/directory/HistoryPage';
import { ImportPage } from '../features/directory/ImportPage';
import { NetworkPage } from '../features/directory/NetworkPage';
import { NetworksPage } from '../features/directory/NetworksPage';
import { ProfileEditPage } from '../features/directory/ProfileEditPage';
import { ProfilesPage } from '../features/directory/ProfilesPage';
import { SportelliPage } from '../features/directory/SportelliPage';
import { SportelloCreatePage, SportelloEditPage } from '../features/directory/SportelloEditPage';
import { StandardsPage } from '../features/directory/StandardsPage';
import { BreakGlassPage } from '../features/cases/BreakGlassPage';
import { CaseloadPage } from '../features/cases/CaseloadPage';
import { CasePage } from '../features/cases/CasePage';
import { NewCasePage } from '../features/cases/NewCasePage';
import { TeamPage } from '../features/cases/TeamPage';
import { AccessLogPage } from '../features/cases/AccessLogPage';
import { CallsSummaryPage } from '../features/routing/CallsSummaryPage';
import { HelplinePage } from '../features/routing/HelplinePage';
import { NotificationPreferencesPage } from '../features/notifications/NotificationPreferencesPage';
import { NotificationsPage } from '../features/notifications/NotificationsPage';
import { InstrumentsPage } from '../features/risk/InstrumentsPage';
import { IntakeInboundPage } from '../features/intake/IntakeInboundPage';
import { IntakeInboxPage } from '../features/intake/IntakeInboxPage';
import { IntakeSendPage } from '../features/intake/IntakeSendPage';
import { ReferralPage } from '../features/referrals/ReferralPage';
import { ReferralsPage } from '../features/referrals/ReferralsPage';
import { BoardPage } from '../features/shelters/board/BoardPage';
import { NewStructurePage } from '../features/shelters/structures/NewStructurePage';
import { StructurePage } from '../features/shelters/structures/StructurePage';
import { StructuresPage } from '../features/shelters/structures/StructuresPage';
import { NewProgrammePage } from '../features/autonomy/programmes/NewProgrammePage';
import { ProgrammePage } from '../features/autonomy/programmes/ProgrammePage';
import { ProgrammesPage } from '../features/autonomy/programmes/ProgrammesPage';
import { ActivitiesPage } from '../features/autonomy/groupwork/ActivitiesPage';
import { ActivityPage } from '../features/autonomy/groupwork/ActivityPage';
import { FundsPage } from '../features/autonomy/funds/FundsPage';
import { FundsYearPage } from '../features/autonomy/funds/FundsYearPage';
import { RedditoStatsPage } from '../features/autonomy/reddito/RedditoStatsPage';
import { NewRequestPage, RequestsPage } from '../features/shelters/requests/RequestsPage';
import { RequestPage } from '../features/shelters/requests/RequestPage';
import { ProposalPage, ProposalsPage } from '../features/shelters/requests/ProposalsPage';
import { AuthorisationPage, AuthorisationsPage } from '../features/shelters/authorisations/AuthorisationsPage';
import { FeesPage } from '../features/shelters/stays/FeesPage';
import { StayStatsPage } from '../features/shelters/stats/StayStatsPage';
import { StayPage } from '../features/shelters/stays/StayPage';
import { AutonomyInboxPage, CaseProjectsPage } from '../features/autonomy/projects/ProjectLists';
import { ProjectPage } from '../features/autonomy/projects/ProjectPage';
import { AdmitPage, EmergencyPage, StaysPage } from '../features/shelters/stays/StaysPage';
import { ReviewPage } from '../features/reviews/ReviewPage';
import { ReviewsPage } from '../features/reviews/ReviewsPage';
import { AnnouncerProvider } from '../ui/Announcer';
import { GuestOnly, RequirePendingLogin, RequirePermission, RequireSession } from './guards';
import { Layout } from './Layout';
import { createQueryClient } from './queryClient';

/** Routes keep Italian paths: they are what staff see and share. */
export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <AnnouncerProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route element={<GuestOnly />}>
                <Route path="/login" element={<LoginPage />} />
                <Route element={<RequirePendingLogin />}>
                  <Route path="/login/verifica" element={<VerifyPage />} />
                  <Route path="/login/attiva" element={<EnrolPage />} />
                </Route>
              </Route>
              <Route element={<RequireSession />}>
                <Route index element={<HomePage />} />
                <Route path="/scegli-organizzazione" element={<ChooseOrganisationPage />} />
                <Route path="/cambia-password" element={<ChangePasswordPage />} />
                <Route path="/notifiche" element={<NotificationsPage />} />
                <Route path="/notifiche/preferenze" element={<NotificationPreferencesPage />} />
                <Route path="/admin/organizzazioni" element={<RequirePermission action={permissions.organisationRead} />}>
                  <Route index element={<OrganisationsPage />} />
                  <Route
                    path="nuova"
                    element={
                      <RequirePermission action={permissions.organisationManage}>
                        <OrganisationCreatePage />
                      </RequirePermission>
                    }
                  />
                  <Route path=":id" element={<OrganisationEditPage />} />
                </Route>
                <Route path="/admin/utenti" element={<RequirePermission action={permissions.userRead} />}>
                  <Route index element={<UsersPage />} />
                  <Route
                    path="nuova"
                    element={
                      <RequirePermission action={permissions.userManage}>
                        <UserCreatePage />
                      </RequirePermission>
                    }
                  />
                  <Route path=":id" element={<UserDetailPage />} />
                </Route>
                <Route path="/admin/audit" element={<RequirePermission action={permissions.auditRead} />}>
                  <Route index element={<AuditPage />} />
                </Route>
                <Route path="/admin/chiavi-api" element={<RequirePermission action={permissions.routingTokens} />}>
                  <Route index element={<TokensPage />} />
                </Route>
                <Route path="/admin/attivita" element={<RequirePermission action={permissions.jobsDeadLetters} />}>
                  <Route index element={<DeadLettersPage />} />
                </Route>
                <Route path="/percorsi" element={<RequirePermission action={permissions.caseRead} />}>
                  <Route index element={<CaseloadPage />} />
                  <Route
                    path="nuovo"
                    element={
                      <RequirePermission action={permissions.caseWrite}>
                        <NewCasePage />
                      </RequirePermission>
                    }
                  />
                  <Route path=":id" element={<CasePage />} />
                  <Route
                    path=":id/apri"
                    element={
                      <RequirePermission action={permissions.caseBreakGlass}>
                        <BreakGlassPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path=":id/accessi"
                    element={
                      <RequirePermission action={permissions.caseAccessLog}>
                        <AccessLogPage />
                      </RequirePermission>
                    }
                  />
                  <Route
                    path=":id/equipe"
                    element={
                      <RequirePermission action={permissions.caseTeam}>
                        <TeamPage />
                      </RequirePermission>
                    }
                  />
                </Route>
                <Route path="/invii" element={<RequirePermission action={permissions.referralRead} />}>
                  <Route index element={<ReferralsPage />} />
                  <Route path=":id" element={<ReferralPage />} />
                </Route>
                <Route path="/ospitalita/strutture" element={<RequirePermission action={permissions.shelterStructureRead} />}>
                  <Route index element={<StructuresPage />} />
                  <Route
                    path="nuova"
                    element={
                      <RequirePermission action={permissions.shelterStructureManage}>
                        <NewStructurePage />
                      </RequirePermission>
                    }
                  />
                  <Route path=":id" element={<StructurePage />} />
                </Route>
                <Route path="/autonomia/progetti" element={<RequirePermission action={permissions.autonomyProjectRead} />}>
                  <Route index element={<AutonomyInboxPage />} />
                  <Route path=":id" element={<ProjectPage />} />
                </Route>
                <Route path="/percorsi/:id/autonomia" element={<RequirePermission action={permissions.autonomyProjectRead} />}>
                  <Route index element={<CaseProjectsPage />} />
                </Route>
                <Route path="/autonomia/programmi" element={<RequirePermission action={permissions.autonomyProgrammeRead} />}>
                  <Route index element={<ProgrammesPage />} />
                  <Route
                    path="nuovo"
                    element={
                      <RequirePermission action={permissions.autonomyProgrammeManage}>
                        <NewProgrammePage />
                      </RequirePermission>
                    }
                  />
                  <Route path=":id" element={<ProgrammePage />} />
                  <Route path=":id/attivita" element={<ActivitiesPage />} />
                  <Route path=":id/attivita/:activityId" element={<ActivityPage />} />
                </Route>
                <Route path="/autonomia/reddito" element={<RequirePermission action={permissions.autonomyRedditoStats} />}>
                  <Route index element={<RedditoStatsPage />} />
                </Route>
                <Route path="/autonomia/fondi" element={<RequirePermission action={permissions.autonomyFundsRead} />}>
                  <Route index element={<FundsPage />} />
                  <Route path=":id" element={<FundsYearPage />} />
                </Route>
                <Route path="/ospitalita/disponibilita" element={<RequirePermission action={permissions.shelterBoardRead} />}>
                  <Route index element={<BoardPage />} />
                </Route>
                <Route path="/ospitalita/richieste" element={<RequirePermission action={permissions.shelterRequestWrite} />}>
                  <Route index element={<RequestsPage />} />
                  <Route path="nuova" element={<NewRequestPage />} />
                  <Route path=":id" element={<RequestPage />} />
                </Route>
                <Route path="/ospitalita/proposte" element={<RequirePermission action={permissions.shelterStayWrite} />}>
                  <Route index element={<ProposalsPage />} />
                  <Route path=":id" element={<ProposalPage />} />
                </Route>
                <Route path="/revisioni" element={<RequirePermission action={permissions.reviewRead} />}>
                  <Route index element={<ReviewsPage />} />
                  <Route path=":id" element={<ReviewPage />} />
                </Route>
                <Route path="/ospitalita/permanenze" element={<RequirePermission action={permissions.shelterStayRead} />}>
                  <Route index element={<StaysPage />} />
                  <Route path="nuova" element={<RequirePermission action={permissions.shelterAdmit}><AdmitPage /></RequirePermission>} />
                  <Route path="emergenza" element={<RequirePermission action={permissions.shelterAdmit}><EmergencyPage /></RequirePermission>} />
                  <Route path=":id" element={<StayPage />} />
                </Route>
                <Route path="/ospitalita/autorizzazioni" element={<RequirePermission action={permissions.shelterRequestRead} />}>
                  <Route index element={<AuthorisationsPage />} />
                  <Route path=":id" element={<AuthorisationPage />} />
                </Route>
                <Route path="/ospitalita/rette" element={<RequirePermission action={permissions.shelterFeesExport} />}>
                  <Route index element={<FeesPage />} />
                </Route>
                <Route path="/ospitalita/statistiche" element={<RequirePermission action={permissions.shelterStaysStats} />}>
                  <Route index element={<StayStatsPage />} />
                </Route>
                <Route path="/segnalazioni/inviate" element={<RequirePermission action={permissions.intakeSend} />}>
                  <Route index element={<IntakeSendPage />} />
                </Route>
                <Route path="/segnalazioni/in-arrivo" element={<RequirePermission action={permissions.intakeReceive} />}>
                  <Route index element={<IntakeInboxPage />} />
                  <Route path=":id" element={<IntakeInboundPage />} />
                </Route>
                <Route path="/1522" element={<RequirePermission action={permissions.routingTransfer} />}>
                  <Route index element={<HelplinePage />} />
                </Route>
                <Route path="/rete/chiamate-1522" element={<RequirePermission action={permissions.routingCallsSummary} />}>
                  <Route index element={<CallsSummaryPage />} />
                </Route>
                <Route element={<RequirePermission action={permissions.directoryRead} />}>
                  <Route path="/rete/servizi" element={<SportelliPage />} />
                  <Route
                    path="/rete/servizi/nuovo"
                    element={
                      <RequirePermission action={permissions.directoryManage}>
                        <SportelloCreatePage />
                      </RequirePermission>
                    }
                  />
                  <Route path="/rete/servizi/:id" element={<SportelloEditPage />} />
                  <Route path="/rete/organizzazioni-servizi" element={<ProfilesPage />} />
                  <Route path="/rete/organizzazioni-servizi/:id" element={<ProfileEditPage />} />
                  <Route path="/rete/reti" element={<NetworksPage />} />
                  <Route path="/rete/reti/:id" element={<NetworkPage />} />
                </Route>
                <Route path="/rete/standard" element={<RequirePermission action={permissions.directoryStandards} />}>
                  <Route index element={<StandardsPage />} />
                </Route>
                <Route path="/rete/storico" element={<RequirePermission action={permissions.directoryHistory} />}>
                  <Route index element={<HistoryPage />} />
                </Route>
                <Route path="/rete/importa" element={<RequirePermission action={permissions.directoryImport} />}>
                  <Route index element={<ImportPage />} />
                </Route>
                <Route path="/rete/strumenti-rischio" element={<RequirePermission action={permissions.riskInstrumentsManage} />}>
                  <Route index element={<InstrumentsPage />} />
                </Route>
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </AnnouncerProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { createQueryClient } from "./api/queryClient";
import { AccountPage } from "./accounts/AccountPage";
import { AccountsPage } from "./accounts/AccountsPage";
import { MachineClientsPage } from "./accounts/MachineClientsPage";
import { NewAccountPage } from "./accounts/NewAccountPage";
import { ChangePasswordPage } from "./auth/ChangePasswordPage";
import { ChoosePasswordPage } from "./auth/ChoosePasswordPage";
import { ForgotPasswordPage } from "./auth/ForgotPasswordPage";
import { LoginPage } from "./auth/LoginPage";
import { RequireAuth } from "./auth/RequireAuth";
import { RequireFeature } from "./auth/RequireFeature";
import { useSession } from "./auth/session";
import { CaissesPage } from "./caisses/CaissesPage";
import { KitPage } from "./kit/KitPage";
import { ImportPage } from "./imports/ImportPage";
import { AgendaPage } from "./agenda/AgendaPage";
import { AvailabilityPage } from "./agenda/AvailabilityPage";
import { BookingPage } from "./agenda/BookingPage";
import { ACCESSIBILITY_PATH, AccessibilityPage } from "./layout/AccessibilityPage";
import { AppLayout } from "./layout/AppLayout";
import { NotFoundPage } from "./layout/NotFoundPage";
import { NewActionPage } from "./policy/NewActionPage";
import { TargetListPage } from "./targetLists/TargetListPage";
import { PageLoading, lazyPage } from "./layout/lazyPage";
import { PersonPage } from "./persons/PersonPage";
import { PersonSearchPage } from "./persons/PersonSearchPage";
import { forgetSearch } from "./persons/searchMemory";
import { DEFAULT_POLICY_YEAR, PolicyPage } from "./policy/PolicyPage";
import { GuideEditorPage } from "./guide/GuideEditorPage";
import { FollowUpsPage } from "./interviews/FollowUpsPage";
import { InterviewPage } from "./interviews/InterviewPage";
import { MeetingPage } from "./meetings/MeetingPage";
import { MeetingsPage } from "./meetings/MeetingsPage";
import { NewMeetingPage } from "./meetings/NewMeetingPage";
import { PublicBookingPage } from "./booking/PublicBookingPage";
import { PlanningPage } from "./planning/PlanningPage";
import { NationalBilanRedirect, OwnBilanRedirect } from "./reporting/redirects";

// Pages loaded on first visit, each its own chunk: the first screen downloads less.
const BilanPage = lazyPage(() => import("./reporting/BilanPage"), "BilanPage");
const NationalBilanPage = lazyPage(() => import("./reporting/NationalBilanPage"), "NationalBilanPage");
const AnswerPage = lazyPage(() => import("./surveys/AnswerPage"), "AnswerPage");
const SurveyCampaignPage = lazyPage(() => import("./surveys/CampaignPage"), "SurveyCampaignPage");
const SurveyCampaignsPage = lazyPage(() => import("./surveys/CampaignsPage"), "SurveyCampaignsPage");
const QuestionnairesPage = lazyPage(() => import("./surveys/QuestionnairesPage"), "QuestionnairesPage");
const ResultsPage = lazyPage(() => import("./surveys/ResultsPage"), "ResultsPage");
const VersionPage = lazyPage(() => import("./surveys/VersionPage"), "VersionPage");
const CampaignPage = lazyPage(() => import("./campaigns/CampaignPage"), "CampaignPage");
const CampaignsPage = lazyPage(() => import("./campaigns/CampaignsPage"), "CampaignsPage");
const NewCampaignPage = lazyPage(() => import("./campaigns/NewCampaignPage"), "NewCampaignPage");
const TemplatesPage = lazyPage(() => import("./campaigns/TemplatesPage"), "TemplatesPage");
const ActionPage = lazyPage(() => import("./policy/ActionPage"), "ActionPage");

/** All routes. Screens plug in here, protected ones under <RequireAuth />. */
export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        {/* The invited person's page: no account, no application frame. */}
        <Route path="/rendez-vous/:token" element={<PublicBookingPage />} />
        <Route element={<AppLayout />}>
          <Route path="/connexion" element={<LoginPage />} />
          <Route path={ACCESSIBILITY_PATH} element={<AccessibilityPage />} />
          {/* From an invitation or reset email (the token is the URL's fragment). */}
          <Route path="/mot-de-passe/choisir" element={<ChoosePasswordPage />} />
          <Route path="/mot-de-passe/oublie" element={<ForgotPasswordPage />} />
          {/* The insured person's survey: public, the personal token is the key. */}
          <Route path="/questionnaire/:token" element={<AnswerPage />} />
          <Route element={<RequireAuth />}>
            <Route index element={<Navigate to="/caisses" replace />} />
            <Route path="/caisses" element={<CaissesPage />} />
            <Route path="/mot-de-passe" element={<ChangePasswordPage />} />
            <Route element={<RequireFeature feature="manageAccounts" />}>
              <Route path="/comptes" element={<AccountsPage />} />
              <Route path="/comptes/nouveau" element={<NewAccountPage />} />
              <Route path="/comptes/:id" element={<AccountPage />} />
            </Route>
            <Route element={<RequireFeature feature="machineClients" />}>
              <Route path="/clients-machines" element={<MachineClientsPage />} />
            </Route>
            <Route element={<RequireFeature feature="persons" />}>
              <Route path="/assures" element={<PersonSearchPage />} />
              <Route path="/assures/:id" element={<PersonPage />} />
            </Route>
            <Route element={<RequireFeature feature="imports" />}>
              <Route path="/imports" element={<ImportPage />} />
            </Route>
            <Route element={<RequireFeature feature="policy" />}>
              <Route
                path="/politique"
                element={<Navigate to={`/politique/${DEFAULT_POLICY_YEAR}`} replace />}
              />
              <Route path="/politique/:year" element={<PolicyPage />} />
              <Route path="/kit" element={<KitPage />} />
              <Route path="/actions/:id" element={<ActionPage />} />
              <Route path="/listes/:id" element={<TargetListPage />} />
            </Route>
            <Route element={<RequireFeature feature="agenda" />}>
              <Route path="/agenda" element={<AgendaPage />} />
              <Route path="/suivis" element={<FollowUpsPage />} />
            </Route>
            <Route element={<RequireFeature feature="booking" />}>
              <Route path="/assures/:id/rendez-vous" element={<BookingPage />} />
            </Route>
            <Route element={<RequireFeature feature="availability" />}>
              <Route path="/disponibilites" element={<AvailabilityPage />} />
            </Route>
            <Route element={<RequireFeature feature="readBilans" />}>
              <Route path="/bilan" element={<OwnBilanRedirect />} />
              <Route path="/bilans/:year/:caisse" element={<BilanPage />} />
            </Route>
            <Route element={<RequireFeature feature="nationalBilan" />}>
              <Route path="/bilan-national" element={<NationalBilanRedirect />} />
              <Route path="/bilan-national/:year" element={<NationalBilanPage />} />
            </Route>
            <Route element={<RequireFeature feature="surveys" />}>
              <Route path="/enquetes" element={<Navigate to="/enquetes/campagnes" replace />} />
              <Route path="/enquetes/questionnaires" element={<QuestionnairesPage />} />
              <Route path="/enquetes/questionnaires/:id" element={<VersionPage />} />
              <Route path="/enquetes/campagnes" element={<SurveyCampaignsPage />} />
              <Route path="/enquetes/campagnes/:id" element={<SurveyCampaignPage />} />
              <Route path="/enquetes/resultats" element={<ResultsPage />} />
            </Route>
            <Route element={<RequireFeature feature="holdInterviews" />}>
              <Route path="/entretiens/:id" element={<InterviewPage />} />
            </Route>
            <Route element={<RequireFeature feature="campaigns" />}>
              <Route path="/campagnes" element={<CampaignsPage />} />
              <Route path="/campagnes/:id" element={<CampaignPage />} />
              <Route path="/listes/:id/courriers" element={<NewCampaignPage />} />
            </Route>
            <Route element={<RequireFeature feature="letterTemplates" />}>
              <Route path="/courriers/modeles" element={<TemplatesPage />} />
            </Route>
            <Route element={<RequireFeature feature="meetings" />}>
              <Route path="/rencontres" element={<MeetingsPage />} />
              <Route path="/rencontres/nouvelle" element={<NewMeetingPage />} />
              <Route path="/rencontres/:id" element={<MeetingPage />} />
            </Route>
            <Route element={<RequireFeature feature="planning" />}>
              <Route path="/planification" element={<PlanningPage />} />
            </Route>
            <Route element={<RequireFeature feature="editGuide" />}>
              <Route path="/trame" element={<GuideEditorPage />} />
            </Route>
            <Route element={<RequireFeature feature="editPolicy" />}>
              <Route path="/politique/:year/nouvelle-action" element={<NewActionPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** Cached answers belong to one user: drop them when the session ends (logout or 401). */
function DropCacheOnSignOut({ queryClient }: { queryClient: QueryClient }) {
  const signedIn = useSession() !== null;
  useEffect(() => {
    if (!signedIn) {
      queryClient.clear();
      forgetSearch();
    }
  }, [signedIn, queryClient]);
  return null;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <DropCacheOnSignOut queryClient={queryClient} />
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}

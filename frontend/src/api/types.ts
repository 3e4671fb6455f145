/**
 * Convenience aliases over the generated contracts. Types are derived from the
 * operations (paths), never written by hand, so they follow the services'
 * OpenAPI documents whatever their schema names are.
 */
import type { paths as IdentityPaths } from "./generated/identity";
import type { paths as InterviewsPaths } from "./generated/interviews";
import type { paths as SurveysPaths } from "./generated/surveys";
import type { paths as TargetingPaths } from "./generated/targeting";

type JsonOk<Op> = Op extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
type JsonAccepted<Op> = Op extends {
  responses: { 202: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
type JsonBody<Op> = Op extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

export type LoginRequest = NonNullable<
  IdentityPaths["/auth/login"]["post"]["requestBody"]
>["content"]["application/json"];
export type TokenResponse = JsonOk<IdentityPaths["/auth/login"]["post"]>;
export type User = JsonOk<IdentityPaths["/auth/me"]["get"]>;
export type Role = User["role"];

export type CaissePage = JsonOk<TargetingPaths["/caisses"]["get"]>;
export type Caisse = CaissePage["items"][number];

// Registry: persons
export type PersonSearch = JsonBody<TargetingPaths["/persons/search"]["post"]>;
export type PersonSummaryPage = JsonOk<TargetingPaths["/persons/search"]["post"]>;
export type PersonSummary = PersonSummaryPage["items"][number];
export type PersonFile = JsonOk<TargetingPaths["/persons/{person_id}"]["get"]>;
export type PersonStatus = PersonFile["status"];
export type ProfessionalGroup = PersonFile["professional_group"];

// Jobs and imports
export type Job = JsonOk<TargetingPaths["/jobs/{job_id}"]["get"]>;
export type JobStatus = Job["status"];
export type ImportMode = NonNullable<
  TargetingPaths["/imports"]["post"]["requestBody"]
>["content"]["multipart/form-data"]["mode"];
/** `result` of a finished import job: the batch report without its inline errors. */
export type ImportResult = Omit<JsonOk<TargetingPaths["/persons/batch"]["post"]>, "errors">;
export type RowErrorPage = JsonOk<TargetingPaths["/imports/{job_id}/errors"]["get"]>;
export type RowError = RowErrorPage["items"][number];

// Policy
export type PolicyAction = JsonOk<TargetingPaths["/actions/{action_id}"]["get"]>;
export type ContactType = PolicyAction["contact_type"];
export type ActionUpdate = JsonBody<TargetingPaths["/actions/{action_id}"]["patch"]>;
export type ActionCreate = JsonBody<TargetingPaths["/policy/{year}/actions"]["post"]>;
export type PolicyYear = JsonOk<TargetingPaths["/policy/years"]["get"]>[number];
export type YearPreparation = JsonBody<TargetingPaths["/policy/{year}/preparation"]["post"]>;
export type CarryOver = JsonBody<TargetingPaths["/policy/{year}/carry-over"]["post"]>;

// The national kit
export type KitDocument = JsonOk<TargetingPaths["/kit/documents"]["get"]>[number];
export type KitDocumentCreate = JsonBody<TargetingPaths["/kit/documents"]["post"]>;
export type KitCategory = KitDocument["category"];

// Targets
export type VolumetryRequest = JsonBody<TargetingPaths["/volumetry"]["post"]>;
export type TargetDefinition = VolumetryRequest["definition"];
export type TargetFilter = TargetDefinition["filter"];
export type PriorityGroup = NonNullable<TargetDefinition["priorities"]>[number];
export type Volumetry = JsonOk<TargetingPaths["/volumetry"]["post"]>;
export type CaisseCount = Volumetry["by_caisse"][number];
export type TargetListCreate = JsonBody<TargetingPaths["/actions/{action_id}/target-lists"]["post"]>;
export type TargetListStarted = JsonAccepted<
  TargetingPaths["/actions/{action_id}/target-lists"]["post"]
>;
export type TargetList = JsonOk<TargetingPaths["/target-lists/{list_id}"]["get"]>;
export type TargetListPage = JsonOk<TargetingPaths["/target-lists"]["get"]>;
export type TargetListMembers = JsonOk<TargetingPaths["/target-lists/{list_id}/members"]["get"]>;
export type TargetListMember = TargetListMembers["items"][number];

// Interviews: counselors, availability, slots, bookings
export type Counselor = JsonOk<InterviewsPaths["/counselors"]["get"]>[number];
export type OpeningHoursUpdate = JsonBody<InterviewsPaths["/counselors/{counselor_id}/opening-hours"]["put"]>;
export type OpeningPeriod = OpeningHoursUpdate["periods"][number];
export type AbsenceCreate = JsonBody<InterviewsPaths["/counselors/{counselor_id}/absences"]["post"]>;
export type Absence = JsonOk<InterviewsPaths["/counselors/{counselor_id}/absences"]["get"]>[number];
export type AbsenceUpdate = JsonBody<InterviewsPaths["/counselors/{counselor_id}/absences/{absence_id}"]["patch"]>;
export type AgendaEntry = JsonOk<InterviewsPaths["/counselors/{counselor_id}/interviews"]["get"]>[number];
export type AgendaFeed = JsonOk<InterviewsPaths["/counselors/{counselor_id}/agenda-feed"]["get"]>;
export type Slot = JsonOk<InterviewsPaths["/slots"]["get"]>[number];
export type Channel = Slot["channel"];
export type SlotQuery = InterviewsPaths["/slots"]["get"]["parameters"]["query"];
export type BookingRequest = JsonBody<InterviewsPaths["/interviews"]["post"]>;
export type Interview = JsonOk<InterviewsPaths["/interviews/{interview_id}"]["get"]>;
export type InterviewStatus = Interview["status"];
export type InterviewEvent = JsonOk<InterviewsPaths["/interviews/{interview_id}/history"]["get"]>[number];

// Interviews: letters and campaigns
export type MergeField = JsonOk<InterviewsPaths["/letter-templates/fields"]["get"]>[number];
export type LetterTemplate = JsonOk<InterviewsPaths["/letter-templates"]["get"]>[number];
export type TemplateWrite = JsonBody<InterviewsPaths["/letter-templates"]["post"]>;
export type CampaignCreate = JsonBody<InterviewsPaths["/campaigns"]["post"]>;
export type LetterPreview = JsonOk<InterviewsPaths["/campaigns/preview"]["post"]>;
export type Campaign = JsonOk<InterviewsPaths["/campaigns/{campaign_id}"]["get"]>;
export type CampaignPurpose = Campaign["purpose"];
export type InvitationCounts = Campaign["counts"];
export type InterviewsJob = Campaign["job"];
export type Invitation = JsonOk<InterviewsPaths["/campaigns/{campaign_id}/invitations"]["get"]>[number];
export type InvitationStatus = Invitation["status"];
export type InvitationUpdate = JsonBody<InterviewsPaths["/invitations/{invitation_id}"]["patch"]>;
export type LetterContactsCreate = JsonBody<InterviewsPaths["/letter-contacts"]["post"]>;
export type CampaignMessagePage = JsonOk<InterviewsPaths["/campaigns/{campaign_id}/messages"]["get"]>;
export type CampaignMessage = CampaignMessagePage["items"][number];
export type MessageCounts = CampaignMessagePage["counts"];
export type MessageStatus = CampaignMessage["status"];
/** What every outbox message shows, whichever service sends it. */
export type OutboxMessage = Pick<
  CampaignMessage,
  "id" | "channel" | "status" | "attempts" | "last_error" | "created_at" | "sent_at" | "failed_at"
>;

// Interviews: the guide and interview records
export type GuideVersionSummary = JsonOk<InterviewsPaths["/guide/versions"]["get"]>[number];
export type GuideVersion = JsonOk<InterviewsPaths["/guide/versions/{number}"]["get"]>;
export type GuideSection = GuideVersion["sections"][number];
export type GuideDraftWrite = JsonBody<InterviewsPaths["/guide/versions/{number}/sections"]["put"]>;
export type GuideProposal = JsonOk<InterviewsPaths["/interviews/{interview_id}/guide"]["get"]>;
export type ProposedSection = GuideProposal["sections"][number];
export type InterviewRecordWrite = JsonBody<InterviewsPaths["/interviews/{interview_id}/record"]["put"]>;
export type InterviewRecord = JsonOk<InterviewsPaths["/interviews/{interview_id}/record"]["get"]>;
export type FollowUp = InterviewRecord["follow_ups"][number];
export type FollowUpQuery = NonNullable<InterviewsPaths["/follow-ups"]["get"]["parameters"]["query"]>;
export type FollowUpTask = JsonOk<InterviewsPaths["/follow-ups"]["get"]>["items"][number];
export type FollowUpUpdate = JsonBody<InterviewsPaths["/follow-ups/{follow_up_id}"]["patch"]>;

// Interviews: collective meetings
export type Meeting = JsonOk<InterviewsPaths["/meetings/{meeting_id}"]["get"]>;
export type MeetingKind = Meeting["kind"];
export type MeetingStatus = Meeting["status"];
export type MeetingCreate = JsonBody<InterviewsPaths["/meetings"]["post"]>;
export type MeetingUpdate = JsonBody<InterviewsPaths["/meetings/{meeting_id}"]["patch"]>;
export type Registration = JsonOk<InterviewsPaths["/meetings/{meeting_id}/registrations"]["get"]>[number];
export type RegistrationStatus = Registration["status"];
export type ProfessionalCategory = JsonOk<TargetingPaths["/professional-categories"]["get"]>[number];

// Interviews: a person's contact history
export type HistoryEntry = JsonOk<InterviewsPaths["/persons/{person_id}/contacts"]["get"]>[number];

// Interviews: the invited person's booking page (no account) and capacity planning
export type PublicInvitation = JsonOk<InterviewsPaths["/public/invitations/{token}"]["get"]>;
export type PublicBooking = NonNullable<PublicInvitation["booking"]>;
export type PublicSlot = JsonOk<InterviewsPaths["/public/invitations/{token}/slots"]["get"]>[number];
export type PublicBookingRequest = JsonBody<InterviewsPaths["/public/invitations/{token}/booking"]["post"]>;
export type CapacityFigures = JsonOk<InterviewsPaths["/capacity"]["get"]>;
export type CapacityCheck = CampaignCreate["capacity_check"];
export type CapacityAlert = JsonOk<InterviewsPaths["/capacity/alerts"]["get"]>[number];
export type PlanningRow = JsonOk<InterviewsPaths["/planning"]["get"]>[number];
// Surveys: questionnaires, campaigns, answer links, results
export type QuestionnaireVersionSummary = JsonOk<SurveysPaths["/questionnaires"]["get"]>[number];
export type QuestionnaireVersion = JsonOk<SurveysPaths["/questionnaires/{version_id}"]["get"]>;
export type Question = QuestionnaireVersion["questions"][number];
export type QuestionType = Question["type"];
export type QuestionCreate = JsonBody<SurveysPaths["/questionnaires/{version_id}/questions"]["post"]>;
export type QuestionFields = JsonBody<
  SurveysPaths["/questionnaires/{version_id}/questions/{question_id}"]["put"]
>;
export type SurveyCampaign = JsonOk<SurveysPaths["/campaigns/{campaign_id}"]["get"]>;
export type SurveyCampaignCreate = JsonBody<SurveysPaths["/campaigns"]["post"]>;
export type SurveyLinkPage = JsonOk<SurveysPaths["/campaigns/{campaign_id}/links"]["get"]>;
export type SurveyLink = SurveyLinkPage["items"][number];
export type SurveyMessagePage = JsonOk<SurveysPaths["/campaigns/{campaign_id}/messages"]["get"]>;
export type SurveyMessage = SurveyMessagePage["items"][number];
export type IssuedLink = JsonOk<SurveysPaths["/links/{link_id}/reissue"]["post"]>;
export type DrawReport = JsonOk<SurveysPaths["/draws/run"]["post"]>;
export type AnswerForm = JsonOk<SurveysPaths["/answer/{token}"]["get"]>;
export type AnswerValue = JsonBody<SurveysPaths["/answer/{token}"]["post"]>["answers"][string];
export type SurveyResults = JsonOk<SurveysPaths["/results"]["get"]>;
export type QuestionResult = SurveyResults["questions"][number];
export type ResultsQuery = NonNullable<SurveysPaths["/results"]["get"]["parameters"]["query"]>;
export type SurveyComment = JsonOk<SurveysPaths["/results/comments"]["get"]>["items"][number];


// Reporting: bilans
type ReportingPaths = import("./generated/reporting").paths;
export type BilanDocument = JsonOk<ReportingPaths["/v1/bilans/{year}/{caisse_code}"]["get"]>;
export type BilanAction = BilanDocument["actions"][number];
export type BilanTotals = BilanDocument["totals"];
export type Qualitative = JsonBody<ReportingPaths["/v1/bilans/{year}/{caisse_code}/qualitative"]["put"]>;
export type BilanVersions = JsonOk<ReportingPaths["/v1/bilans/{year}/{caisse_code}/versions"]["get"]>;
export type NationalBilan = JsonOk<ReportingPaths["/v1/national/{year}"]["get"]>;
export type CaisseSubmission = NationalBilan["submissions"][number];
export type SubmissionState = CaisseSubmission["state"];
export type NationalLive = JsonOk<ReportingPaths["/v1/national/{year}/live"]["get"]>;
export type Consolidation = NationalBilan["consolidated"];

// Identity: accounts administration, passwords, machine clients
type JsonCreated<Op> = Op extends {
  responses: { 201: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
export type AccountPage = JsonOk<IdentityPaths["/accounts"]["get"]>;
export type Account = JsonOk<IdentityPaths["/accounts/{account_id}"]["get"]>;
export type AccountStatus = Account["status"];
export type AccountCreate = JsonBody<IdentityPaths["/accounts"]["post"]>;
export type AccountUpdate = JsonBody<IdentityPaths["/accounts/{account_id}"]["patch"]>;
export type AccountsQuery = NonNullable<IdentityPaths["/accounts"]["get"]["parameters"]["query"]>;
export type PersonRole = AccountCreate["role"];
export type PasswordLinkInfo = JsonOk<IdentityPaths["/auth/password-links/inspect"]["post"]>;
export type PasswordChange = JsonBody<IdentityPaths["/auth/password"]["post"]>;
export type MachineClientPage = JsonOk<IdentityPaths["/machine-clients"]["get"]>;
export type MachineClient = MachineClientPage["items"][number];
export type MachineClientCreate = JsonBody<IdentityPaths["/machine-clients"]["post"]>;
export type MachineClientSecret = JsonCreated<IdentityPaths["/machine-clients"]["post"]>;
export type Scope = NonNullable<MachineClientCreate["scopes"]>[number];

/** French labels of the interviews service's codes (letters, guide, meetings, contacts). */
import type {
  CampaignPurpose,
  FollowUp,
  HistoryEntry,
  InvitationStatus,
  MeetingKind,
  MeetingStatus,
  RegistrationStatus,
} from "../api/types";
import { INTERVIEW_STATUS_LABELS } from "../agenda/labels";

export const FOLLOW_UP_LABELS: Record<FollowUp, string> = {
  career_reconstitution: "Reconstitution de carrière",
  ris_request: "Demande de RIS",
  pre_liquidation: "Pré-liquidation",
  social_action_referral: "Orientation action sanitaire et sociale",
  prevention_referral: "Orientation prévention",
};

/** The invitation funnel, in its order: sent → opened → booked → held/no_show/excused, or an end. */
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  sent: "Envoyé",
  opened: "Lien ouvert",
  booked: "Rendez-vous pris",
  held: "Tenu",
  no_show: "Absent",
  excused: "Excusé",
  declined: "Refus",
  no_answer: "Sans réponse",
  returned: "Retour NPAI",
  expired: "Expiré",
};

export const PURPOSE_LABELS: Record<CampaignPurpose, string> = {
  interview: "Proposition d’entretien",
  meeting: "Invitation à une rencontre",
  information: "Courrier d’information",
};

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  trade_show: "Rencontre de conseil social (salon, événement)",
  auto_entrepreneurs: "Rencontre auto-entrepreneurs",
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: "Prévue",
  held: "Tenue",
  cancelled: "Annulée",
};

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: "Inscrit",
  waitlisted: "Liste d’attente",
  cancelled: "Annulé",
};

export const HISTORY_KIND_LABELS: Record<HistoryEntry["kind"], string> = {
  interview: "Entretien",
  meeting: "Rencontre",
  letter: "Courrier",
};

/** The status of a history entry, read according to its kind. */
export function historyStatusLabel(entry: Pick<HistoryEntry, "kind" | "status">): string {
  const labels: Record<string, string> =
    entry.kind === "interview"
      ? INTERVIEW_STATUS_LABELS
      : entry.kind === "meeting"
        ? { ...REGISTRATION_STATUS_LABELS, attended: "Présent" }
        : INVITATION_STATUS_LABELS;
  return labels[entry.status] ?? entry.status;
}

export const CONTACT_CHANNEL_LABELS: Record<string, string> = {
  in_person: "Sur place",
  phone: "Téléphone",
  collective: "Collectif",
  letter: "Courrier",
};

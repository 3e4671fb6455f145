import type { Channel, InterviewStatus } from "../api/types";

export const CHANNEL_LABELS: Record<Channel, string> = {
  in_person: "Sur place",
  phone: "Téléphone",
};

export const INTERVIEW_STATUS_LABELS: Record<InterviewStatus, string> = {
  booked: "Prévu",
  done: "Tenu",
  no_show: "Absent",
  cancelled: "Annulé",
};

export const EVENT_KIND_LABELS: Record<string, string> = {
  booked: "Rendez-vous pris",
  rescheduled: "Rendez-vous reporté",
  cancelled: "Rendez-vous annulé",
  done: "Entretien tenu",
  no_show: "Assuré absent",
};

export const SLOT_TAKEN_MESSAGE =
  "Ce créneau vient d’être pris. La liste des créneaux libres a été mise à jour : choisissez-en un autre.";

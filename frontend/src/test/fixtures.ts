/** Sample answers of the targeting service for the unit tests. */
import type { Job, PolicyAction, TargetList, Volumetry } from "../api/types";

export const eigAction: PolicyAction = {
  id: 1,
  year: 2011,
  code: "EIG",
  title: "Entretiens de conseil social — population « EIG »",
  contact_type: "individual_interview",
  target_description: "Population « EIG » : actifs nés en 1952 et 1957.",
  specific_objective: "Préparer les EIG de 2012.",
  content: "Reconstitution de carrière.",
  calendar_start: "2011-07-01",
  calendar_end: "2012-03-31",
  modalities: "Entretiens physiques ou téléphoniques.",
  tools: "Kit d’entretien.",
  target_definition: {
    filter: { birth_years: [1952, 1957], statuses: ["active"], professional_groups: ["artisan", "commercant"] },
    priorities: [{ label: "Carrière incomplète", criteria: { incomplete_career: true } }],
  },
  recency_window_days: 365,
  interview_minutes: 45,
  buffer_minutes: 15,
  booking_link_days: 10,
  change_notice_hours: 24,
  reminder_after_days: 5,
  national: true,
  caisse_code: null,
  updated_at: "2026-11-25T18:48:00Z",
};

export const regionalAction: PolicyAction = {
  ...eigAction,
  id: 7,
  code: "SKI",
  title: "Rencontres des moniteurs de ski",
  contact_type: "collective_meeting",
  target_description: "Moniteurs de ski des Alpes.",
  calendar_start: "2011-11-01",
  calendar_end: "2011-12-15",
  target_definition: { filter: { activity_codes: ["8551Z"] }, priorities: [] },
  national: false,
  caisse_code: "ALPES",
};

export const eigVolumetry: Volumetry = {
  priority_labels: ["Carrière incomplète", "Autres"],
  total_matched: 134,
  total_opted_out: 1,
  by_priority: [59, 75],
  by_caisse: [{ caisse_code: "ALPES", matched: 134, opted_out: 1, by_priority: [59, 75] }],
};

export const LIST_ID = "0b5e8f2a-9c1d-4e3f-a2b4-c6d8e0f1a3b5";
export const LIST_JOB_ID = "7d3c1b2a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

export const readyList: TargetList = {
  id: LIST_ID,
  action_id: 1,
  caisse_code: "ALPES",
  job_id: LIST_JOB_ID,
  status: "ready",
  definition: eigAction.target_definition,
  sampling: null,
  recency_window_days: 365,
  matched: 520,
  excluded_opt_out: 12,
  excluded_recent_contact: 58,
  size: 450,
  created_by: "manager.alpes",
  created_at: "2026-11-25T18:50:00Z",
};

export function listJob(overrides: Partial<Job> = {}): Job {
  return {
    id: LIST_JOB_ID,
    kind: "target_list",
    status: "running",
    total: 450,
    done: 0,
    attempts: 1,
    percent: 0,
    result: null,
    error: null,
    created_at: "2026-11-25T18:50:00Z",
    finished_at: null,
    ...overrides,
  };
}

import type { Role } from "../api/types";

const ROLE_LABELS: Record<Role, string> = {
  counselor: "Conseiller",
  caisse_manager: "Responsable de caisse",
  national: "Caisse nationale",
  service: "Système",
  admin: "Administrateur",
};

/** French label of a role; unknown roles (newer backend) are shown as is. */
export function roleLabel(role: Role | (string & {})): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/**
 * What each role may do in the UI. It mirrors the services' rules (targeting/deps.py);
 * the services enforce them, this only hides what would be refused.
 */
export const FEATURES = {
  /** Search people and read their files (personal data: never the national office). */
  persons: ["counselor", "caisse_manager", "admin"],
  /** Import the registry from a CSV file. */
  imports: ["caisse_manager", "admin"],
  /** Read the year's contact policy, its actions and their lists. */
  policy: ["counselor", "caisse_manager", "national", "admin"],
  /** Add actions: regional ones (managers) or the socle's (national office, administrator). */
  editPolicy: ["caisse_manager", "national", "admin"],
  /** Count targets (volumetry), also for a definition being edited. */
  volumetry: ["caisse_manager", "national", "admin"],
  /** Materialise a target list. */
  buildLists: ["caisse_manager", "admin"],
  /** See who is in a target list (personal data) and export it. */
  listMembers: ["counselor", "caisse_manager", "admin"],
  /** Read agendas (one's own for a counselor) and act on interviews. */
  agenda: ["counselor", "caisse_manager", "admin"],
  /** Book an interview for a person (from the file or a target list). */
  booking: ["counselor", "caisse_manager", "admin"],
  /** Edit counselors' opening hours and absences. */
  availability: ["caisse_manager", "admin"],
  /** Hold an interview: the guide, the sections covered, the outcome (interviews/deps.py). */
  holdInterviews: ["counselor", "caisse_manager", "admin"],
  /** Run letter campaigns on a target list and follow their answers. */
  campaigns: ["counselor", "caisse_manager"],
  /** Read letter templates (national and the caisse's). */
  letterTemplates: ["counselor", "caisse_manager", "national", "admin"],
  /** Write letter templates: the caisse's (manager) or national ones (national office). */
  editLetterTemplates: ["caisse_manager", "national", "admin"],
  /** Organise collective meetings, register people, take attendance. */
  meetings: ["counselor", "caisse_manager"],
  /** Counselor hours needed against available per interview action, and capacity alerts. */
  planning: ["caisse_manager"],
  /** Edit and publish the interview guide (« trame »). */
  editGuide: ["national", "admin"],
  /** Read the questionnaires, the survey campaigns and their results. */
  surveys: ["counselor", "caisse_manager", "national", "admin"],
  /** Edit questionnaires (national model or regional questions), set up campaigns, draw. */
  editSurveys: ["caisse_manager", "national", "admin"],
  /** See who was drawn and hand out their answer links (personal data). */
  surveyLinks: ["counselor", "caisse_manager", "admin"],
  /** One's own caisse's bilan (the menu entry of caisse staff). */
  ownBilan: ["counselor", "caisse_manager"],
  /** Read a caisse's bilan: one's own for caisse staff, any for the national office. */
  readBilans: ["counselor", "caisse_manager", "national", "admin"],
  /** Write the qualitative sections and submit the bilan. */
  editBilan: ["caisse_manager", "admin"],
  /** The national bilan: every caisse's state, consolidation, comparison. */
  nationalBilan: ["national", "admin"],
  /** Reopen a submitted bilan. */
  reopenBilan: ["national", "admin"],
  /** Administer accounts: every one (admin), the national office's, a caisse's (managers). */
  manageAccounts: ["caisse_manager", "national", "admin"],
  /** Register machine clients, grant their scopes, rotate their secrets, revoke them. */
  machineClients: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Feature = keyof typeof FEATURES;

export function hasFeature(role: Role | (string & {}) | undefined, feature: Feature): boolean {
  return role !== undefined && (FEATURES[feature] as readonly string[]).includes(role);
}

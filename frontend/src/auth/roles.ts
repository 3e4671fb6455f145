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

import type { AccountStatus, PersonRole, Role } from "../api/types";

/**
 * The roles each role may give an account (identity's accounts/rules.py; the service
 * enforces them, this only offers what it would accept).
 */
const MANAGED: Partial<Record<Role, PersonRole[]>> = {
  admin: ["counselor", "caisse_manager", "national", "admin"],
  national: ["national"],
  caisse_manager: ["counselor", "caisse_manager"],
};

export function managedRoles(role: Role): PersonRole[] {
  return MANAGED[role] ?? [];
}

export function isCaisseRole(role: PersonRole | Role): boolean {
  return role === "counselor" || role === "caisse_manager";
}

export const STATUS_LABELS: Record<AccountStatus, string> = {
  invited: "Invitation envoyée",
  active: "Actif",
  inactive: "Désactivé",
};

export const STATUS_SEVERITY = {
  invited: "info",
  active: "success",
  inactive: "error",
} as const satisfies Record<AccountStatus, "info" | "success" | "error">;

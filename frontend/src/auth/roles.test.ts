import { describe, expect, it } from "vitest";
import { roleLabel } from "./roles";

describe("roleLabel", () => {
  it.each([
    ["counselor", "Conseiller"],
    ["caisse_manager", "Responsable de caisse"],
    ["national", "Caisse nationale"],
    ["service", "Système"],
    ["admin", "Administrateur"],
  ] as const)("%s -> %s", (role, label) => {
    expect(roleLabel(role)).toBe(label);
  });

  it("shows an unknown role as is", () => {
    expect(roleLabel("auditor")).toBe("auditor");
  });
});

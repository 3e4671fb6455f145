import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  definitionFromForm,
  describeFilter,
  emptyCriteria,
  formFromDefinition,
  placeApiErrors,
} from "./targetForm";

describe("target form", () => {
  it("reads a saved definition and gives it back unchanged", () => {
    const saved = {
      filter: {
        birth_years: [1952, 1957],
        birth_year_range: { start: 1950, end: 1960 },
        statuses: ["active"],
        created_between: { start: "2011-01-01", end: "2011-12-31" },
        activity_codes: ["9602A"],
        auto_entrepreneur: false,
      },
      priorities: [{ label: "Carrière incomplète", criteria: { incomplete_career: true } }],
    };
    const { definition, errors } = definitionFromForm(formFromDefinition(saved));
    expect(errors).toEqual({});
    expect(canonicalJson(definition)).toBe(canonicalJson(saved));
  });

  it("reports what cannot be sent, per input", () => {
    const form = formFromDefinition({ filter: {}, priorities: [] });
    form.filter.birth_years = "1952, 19x7";
    form.filter.created_start = "2011-01-01";
    form.priorities.push({ label: " ", criteria: emptyCriteria() });
    const { errors, pending, definition } = definitionFromForm(form);
    expect(errors).toEqual({
      "filter:birth_years":
        "Années invalides : « 19x7 ». Indiquez des années sur 4 chiffres, séparées par des virgules.",
      "filter:created_between": "Indiquez les dates de début et de fin.",
      "priorities.0:label": "Donnez un libellé au groupe.",
    });
    // A group without criteria yet is left out of the counts instead of blocking them.
    expect(pending).toEqual({
      "priorities.0:criteria":
        "Choisissez au moins un critère : le groupe n’est pas compté tant qu’il n’en a pas.",
    });
    expect(definition.priorities).toEqual([]);
  });

  it("puts the service's errors on the right input, in French", () => {
    const sent = {
      filter: { birth_years: [1952, 1800] },
      priorities: [{ label: "P", criteria: { activity_codes: ["96"] } }],
    };
    // The form's group 0 has no criteria yet and was not sent: the sent group 0 is its 1.
    const { placed, other } = placeApiErrors(
      [
        { field: "definition.filter.birth_years.1", message: "Input should be greater than or equal to 1900" },
        { field: "definition.filter.birth_year_range", message: "Value error, start must not be after end" },
        { field: "definition.priorities.0.criteria.activity_codes.0", message: "String should match pattern '^\\d{4}[A-Z]$'" },
        { field: "definition.priorities.0.label", message: "String should have at least 1 character" },
        { field: "definition.priorities", message: "List should have at most 10 items after validation" },
      ],
      "definition.",
      sent,
      [1],
    );
    expect(placed).toEqual({
      "filter:birth_years": "« 1800 » : La valeur doit être supérieure ou égale à 1900.",
      "filter:birth_year_range": "Le début doit précéder la fin.",
      "priorities.1:activity_codes":
        "« 96 » : Code NAF attendu : 4 chiffres suivis d’une lettre (ex. 9602A).",
      "priorities.1:label": "Ce champ est obligatoire.",
    });
    expect(other).toEqual(["10 valeurs au plus."]);
  });

  it("describes a filter in French", () => {
    expect(
      describeFilter({
        birth_years: [1952, 1957],
        statuses: ["active"],
        professional_groups: ["artisan", "commercant"],
        incomplete_career: true,
      }),
    ).toEqual([
      "Années de naissance : 1952, 1957",
      "Statut : Actif",
      "Groupe professionnel : Artisan, Commerçant",
      "Carrière incomplète",
    ]);
  });
});

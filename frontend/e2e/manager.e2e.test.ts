/**
 * A caisse manager's journey: import a few people (with one bad row), then open the 2011
 * policy, the EIG action and its counts, constitute the list and read it.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import {
  CAISSE,
  MANAGER,
  MANAGER_PASSWORD,
  cells,
  constituteList,
  count,
  openEigAction,
  openMenu,
  progressReaches100,
} from "./steps";

/** The registry's exchange format (services/targeting/registry/columns.py, IMPORT_COLUMNS). */
const IMPORT_COLUMNS = [
  "nir",
  "last_name",
  "first_name",
  "sex",
  "birth_date",
  "email",
  "phone",
  "address_line",
  "postcode",
  "city",
  "caisse_code",
  "professional_group",
  "activity_code",
  "professional_category",
  "status",
  "auto_entrepreneur",
  "business_created_on",
  "affiliated_on",
  "validated_quarters",
  "required_quarters",
  "conjoint_collaborateur",
  "cross_border",
  "contact_opt_out",
] as const;

/** A valid NIR: born abroad (department 99, commune 999), so no generated person shares it. */
function nir(sex: 1 | 2, birthDate: string, order: number): string {
  const first13 = `${sex}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}99999${String(order).padStart(3, "0")}`;
  const key = 97 - Number(BigInt(first13) % 97n);
  return `${first13}${String(key).padStart(2, "0")}`;
}

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

function person(order: number, sex: 1 | 2, birthDate: string, extra: Row = {}): Row {
  return {
    nir: nir(sex, birthDate, order),
    last_name: "PARCOURS-E2E",
    first_name: `Personne ${order}`,
    sex: String(sex),
    birth_date: birthDate,
    postcode: "38000",
    city: "Grenoble",
    caisse_code: CAISSE,
    professional_group: "artisan",
    status: "active",
    auto_entrepreneur: "false",
    validated_quarters: "120",
    required_quarters: "164",
    conjoint_collaborateur: "false",
    cross_border: "false",
    contact_opt_out: "false",
    ...extra,
  };
}

/** Three people of the EIG target (active artisans born in 1952 or 1957), then a bad NIR. */
function importCsv(): string {
  const rows: Row[] = [
    person(901, 1, "1952-03-14"),
    person(902, 2, "1957-10-02", { validated_quarters: "164" }),
    person(903, 1, "1957-06-30", { professional_group: "commercant" }),
    { ...person(904, 2, "1952-01-20"), nir: "123" },
  ];
  const lines = rows.map((row) => IMPORT_COLUMNS.map((column) => row[column] ?? "").join(","));
  return [IMPORT_COLUMNS.join(","), ...lines].join("\n") + "\n";
}

describe(`caisse manager journey (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("imports a CSV, follows it to 100 % and reads the error report", async () => {
    const page = await openPage(browser(), "manager import");
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();

    await openMenu(page, "Import");
    await page.getByRole("heading", { level: 1, name: "Import des assurés" }).waitFor();
    await page.getByLabel(/Fichier CSV des assurés/).setInputFiles({
      name: "parcours-e2e.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(importCsv(), "utf-8"),
    });
    // The DSFR draws the radio in its label, which takes the click.
    await page.locator("label", { hasText: "Garder les lignes valides" }).click();
    expect(await page.getByLabel(/Garder les lignes valides/).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Lancer l’import" }).click();

    await progressReaches100(page, /Import du fichier/);
    const [header, counts] = await cells(page, "Décompte des lignes");
    expect(header).toEqual(["Lignes lues", "Valides", "Refusées", "Ajoutées", "Mises à jour", "Inchangées"]);
    expect(counts!.slice(0, 3)).toEqual(["4", "3", "1"]);
    // First run: 3 added; later runs: the same people, unchanged or updated.
    expect(count(counts![3]) + count(counts![4]) + count(counts![5])).toBe(3);
    await page.getByRole("heading", { name: "Import terminé avec des erreurs" }).waitFor();

    const errors = await cells(page, /Lignes refusées \(1\)/);
    expect(errors[0]).toEqual(["Ligne", "Champ", "Message"]);
    expect(errors[1]!.slice(0, 2)).toEqual(["5", "nir"]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger le rapport (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const report = await readFile((await download.path())!, "utf-8");
    // French Excel's CSV: a byte-order mark, semicolons, French headers and messages.
    expect(report.split(/\r?\n/)[0]).toBe("\ufeffLigne;Colonne;Problème");
    expect(report).toContain("5;nir;Colonne nir : ");
  });

  it("opens the 2011 policy and the EIG action, constitutes the list and reads it", async () => {
    const page = await openPage(browser(), "manager targeting");
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();

    await openEigAction(page);

    // Per-caisse counts: the manager sees its own caisse, with the priority groups.
    const volumetry = await cells(page, "Volumétrie par caisse");
    expect(volumetry[0]).toEqual([
      "Caisse",
      "Ciblés",
      "dont opposés",
      "Priorité 1 : Carrière incomplète",
      "Autres (hors priorités)",
    ]);
    const row = volumetry.find((cellsOfRow) => cellsOfRow[0] === CAISSE);
    expect(row).toBeDefined();
    const matched = count(row![1]);
    expect(matched).toBeGreaterThanOrEqual(3); // at least the people imported above
    expect(count(row![3]) + count(row![4])).toBe(matched);

    // Constitute the whole list and follow the job.
    await constituteList(page);

    const tiles = page.getByRole("list", { name: "Décompte de la liste" }).getByRole("listitem");
    const [ciblés, opposés, récents, taille] = (await tiles.allTextContents()).map((t) =>
      count(/\d[\d\s]*/.exec(t)?.[0]),
    );
    expect(ciblés).toBe(matched);
    expect(taille).toBe(ciblés! - opposés! - récents!);

    // Members, by rank.
    await page.getByText(/^Rangs 1 à \d/).waitFor();
    const members = await cells(page, /^Personnes de la liste, rangs 1 à/);
    expect(members[0]!.slice(0, 3)).toEqual(["Rang", "Priorité", "Nom"]);
    expect(members.length - 1).toBe(Math.min(taille!, 200));
    expect(members[1]![0]).toBe("1");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exporter (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });
});

import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockFetch, renderApp, signIn } from "../test/utils";

const results = {
  links_issued: 4,
  responses: 3,
  response_rate: 0.75,
  questions: [
    {
      key: "overall_satisfaction",
      label: "Globalement, êtes-vous satisfait(e) ?",
      type: "scale_1_5",
      national: true,
      answered: 3,
      mean: 11 / 3,
      distribution: ["1", "2", "3", "4", "5"].map((value) => ({
        value,
        count: ["2", "4", "5"].includes(value) ? 1 : 0,
        share: ["2", "4", "5"].includes(value) ? 1 / 3 : 0,
      })),
    },
    {
      key: "canal",
      label: "Le mode de contact vous a-t-il convenu ?",
      type: "yes_no",
      national: true,
      answered: 3,
      mean: null,
      distribution: [
        { value: "yes", count: 2, share: 2 / 3 },
        { value: "no", count: 1, share: 1 / 3 },
      ],
    },
  ],
};

describe("ResultsPage", () => {
  it("shows participation and each question as an accessible bar chart table", async () => {
    const queries: URLSearchParams[] = [];
    mockFetch((request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/targeting/policy/2011/actions") return json([{ id: 3, title: "EIG" }, { id: 4, title: "Créateurs" }]);
      if (url.pathname === "/api/targeting/caisses") return json({ items: [], total: 0, limit: 100, offset: 0 });
      if (url.pathname === "/api/surveys/results/comments")
        return json({
          items: [{ question_key: "commentaire", question_label: "Un commentaire ?", text: "Parfait", answered_on: "2011-10-03", caisse_code: "ALPES", action_id: 3, channel: "phone" }],
          total: 1, limit: 100, offset: 0,
        });
      queries.push(url.searchParams);
      return json(results);
    });
    signIn();
    renderApp("/enquetes/resultats");

    expect(await screen.findByTestId("responses")).toHaveTextContent("3");
    expect(screen.getByText("75 %")).toBeInTheDocument();
    expect(queries[0]!.getAll("action_id")).toEqual(["3", "4"]);
    expect(queries[0]!.get("national_only")).toBe("true");
    const overall = screen.getByRole("table", { name: /Globalement/ });
    const rows = within(overall).getAllByRole("row").map((row) =>
      Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent),
    );
    expect(rows.slice(1)).toEqual([
      ["1", "0", "0 %", ""],
      ["2", "1", "33 %", ""],
      ["3", "0", "0 %", ""],
      ["4", "1", "33 %", ""],
      ["5", "1", "33 %", ""],
    ]);
    expect(screen.getByText(/moyenne 3,7 \/ 5/)).toBeInTheDocument();
    const canal = screen.getByRole("table", { name: /mode de contact/ });
    expect(within(canal).getByRole("rowheader", { name: "Oui" })).toBeInTheDocument();
    expect(screen.getByText("« Parfait »")).toBeInTheDocument();
  });
});

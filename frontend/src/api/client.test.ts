import { describe, expect, it } from "vitest";
import { getSession } from "../auth/session";
import { counselorLogin, json, mockFetch, problem, signIn } from "../test/utils";
import { interviewsApi, renewSession } from "./client";

const renewed = { ...counselorLogin, access_token: "token-renewed" };

describe("the session's renewal", () => {
  it("renews on a 401 and sends the same request again, body included", async () => {
    signIn(counselorLogin);
    const seen: { path: string; auth: string | null; body: string }[] = [];
    const fetchMock = mockFetch(async (request) => {
      const path = new URL(request.url).pathname;
      seen.push({ path, auth: request.headers.get("Authorization"), body: await request.text() });
      if (path === "/api/identity/auth/refresh") return json(renewed);
      if (request.headers.get("Authorization") === "Bearer token-counselor") {
        return problem(401, "Unauthorized", "Jeton expiré.");
      }
      return json({ id: "i-1" });
    });

    const { data, response } = await interviewsApi.PUT("/interviews/{interview_id}/record", {
      params: { path: { interview_id: "i-1" } },
      body: { notes: "Quarante-cinq minutes d'entretien" } as never,
    });

    expect(response.status).toBe(200);
    expect(data).toEqual({ id: "i-1" });
    expect(seen.map((r) => [r.path, r.auth])).toEqual([
      ["/api/interviews/interviews/i-1/record", "Bearer token-counselor"],
      ["/api/identity/auth/refresh", null],
      ["/api/interviews/interviews/i-1/record", "Bearer token-renewed"],
    ]);
    expect(seen[2].body).toBe(seen[0].body);
    expect(seen[2].body).toContain("Quarante-cinq minutes");
    expect(getSession()?.token).toBe("token-renewed");
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("ends the session only when the renewal is refused", async () => {
    signIn(counselorLogin);
    mockFetch(() => problem(401, "Unauthorized", "La session a expiré : connectez-vous."));
    const { response } = await interviewsApi.GET("/counselors");
    expect(response.status).toBe(401);
    expect(getSession()).toBeNull();
  });

  it("keeps the session when identity cannot be reached", async () => {
    signIn(counselorLogin);
    mockFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await renewSession()).toBeNull();
    expect(getSession()?.token).toBe("token-counselor");
  });

  it("shares one renewal between the requests that need it at once", async () => {
    signIn(counselorLogin);
    let renewals = 0;
    mockFetch(async (request) => {
      if (new URL(request.url).pathname === "/api/identity/auth/refresh") {
        renewals += 1;
        return json(renewed);
      }
      return request.headers.get("Authorization") === "Bearer token-renewed"
        ? json({ items: [], total: 0, limit: 50, offset: 0 })
        : problem(401, "Unauthorized", "Jeton expiré.");
    });
    const answers = await Promise.all([
      interviewsApi.GET("/counselors"),
      interviewsApi.GET("/counselors"),
      interviewsApi.GET("/counselors"),
    ]);
    expect(answers.map((a) => a.response.status)).toEqual([200, 200, 200]);
    expect(renewals).toBe(1);
  });
});

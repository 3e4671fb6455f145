/** Test helpers: render the real routes in memory and fake the network at `fetch`. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { vi } from "vitest";
import { AppRoutes } from "../App";
import type { TokenResponse } from "../api/types";
import { startSession } from "../auth/session";

export function renderApp(path: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

export function json(body: unknown, status = 200, contentType = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

export function problem(status: number, title: string, detail: string): Response {
  return json({ type: "about:blank", title, status, detail }, status, "application/problem+json");
}

/** Replaces the global fetch; the handler sees each Request the app sends. */
export function mockFetch(handler: (request: Request) => Response | Promise<Response>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    handler(input instanceof Request ? input : new Request(input, init)),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

export const nationalLogin: TokenResponse = {
  access_token: "token-national",
  token_type: "bearer",
  expires_in: 3600,
  user: { username: "national", full_name: "Nadia Nationale", role: "national", caisse_code: null },
};

export const counselorLogin: TokenResponse = {
  access_token: "token-counselor",
  token_type: "bearer",
  expires_in: 3600,
  user: {
    username: "conseiller.alpes",
    full_name: "Claire Conseil",
    role: "counselor",
    caisse_code: "ALP",
  },
};

export function signIn(login: TokenResponse = nationalLogin) {
  return startSession(login);
}

export const managerLogin: TokenResponse = {
  access_token: "token-manager",
  token_type: "bearer",
  expires_in: 3600,
  user: {
    username: "manager.alpes",
    full_name: "Marc Responsable",
    role: "caisse_manager",
    caisse_code: "ALPES",
  },
};

export const adminLogin: TokenResponse = {
  access_token: "token-admin",
  token_type: "bearer",
  expires_in: 3600,
  user: { username: "admin", full_name: "Alice Administratrice", role: "admin", caisse_code: null },
};

export type Handler = (request: Request, url: URL) => Response | Promise<Response>;

/**
 * Fakes the services by route: keys are "METHOD /path" (the path without the query);
 * anything else answers 404. Returns the fetch mock and the requests seen, in order.
 */
export function mockRoutes(routes: Record<string, Handler>) {
  const seen: { method: string; url: URL; request: Request }[] = [];
  const fetchMock = mockFetch(async (request) => {
    const url = new URL(request.url);
    seen.push({ method: request.method, url, request: request.clone() });
    const handler = routes[`${request.method} ${url.pathname}`];
    return handler
      ? handler(request, url)
      : problem(404, "Not Found", `${request.method} ${url.pathname}`);
  });
  return {
    fetchMock,
    seen,
    /** The requests to one route ("METHOD /path"). */
    calls: (route: string) =>
      seen.filter(({ method, url }) => `${method} ${url.pathname}` === route),
  };
}

/** The text of each cell, row by row, of a table element. */
export function tableCells(table: HTMLElement): string[][] {
  return Array.from(table.querySelectorAll("tr"), (row) =>
    Array.from((row as HTMLTableRowElement).cells, (cell) =>
      (cell.textContent ?? "").replace(/\s+/g, " ").trim(),
    ),
  );
}

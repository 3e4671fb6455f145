/**
 * One typed openapi-fetch client per backend service.
 *
 * Every service is reached on the SPA's own origin under `/api/<service>` (the
 * dev/preview server or the production reverse proxy strips that prefix).
 * Types come from `src/api/generated/` (see `npm run generate:client`).
 */
import createClient, { type Middleware } from "openapi-fetch";
import {
  clearSession,
  getSession,
  onSessionChange,
  startSession,
  type Session,
} from "../auth/session";
import type { paths as IdentityPaths } from "./generated/identity";
import type { paths as InterviewsPaths } from "./generated/interviews";
import type { paths as ReportingPaths } from "./generated/reporting";
import type { paths as SurveysPaths } from "./generated/surveys";
import type { paths as TargetingPaths } from "./generated/targeting";

/** A copy of each authenticated request, kept until its answer, to send it again once. */
const retries = new Map<string, Request>();

/**
 * Adds the bearer token. A 401 means the access token expired (or the account changed):
 * the session is renewed and the request sent again with the new token, so a form being
 * filled is never lost; only a refused renewal ends the session (back to the login page).
 */
export const authMiddleware: Middleware = {
  onRequest({ request, id }) {
    const session = getSession();
    if (session) {
      request.headers.set("Authorization", `Bearer ${session.token}`);
      retries.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ response, id }) {
    const retry = retries.get(id);
    retries.delete(id);
    if (response.status !== 401 || !retry) return response;
    const renewed = await renewSession();
    if (!renewed) return response;
    retry.headers.set("Authorization", `Bearer ${renewed.token}`);
    return globalThis.fetch(retry);
  },
  onError({ id }) {
    retries.delete(id);
  },
};

function serviceClient<Paths extends {}>(service: string, { authenticated = true } = {}) {
  const client = createClient<Paths>({
    // Absolute URL: `Request` (used by openapi-fetch) rejects relative URLs outside browsers.
    baseUrl: `${globalThis.location?.origin ?? ""}/api/${service}`,
    // Resolved at call time so tests can stub the global fetch.
    fetch: (request) => globalThis.fetch(request),
  });
  if (authenticated) client.use(authMiddleware);
  return client;
}

export const identityApi = serviceClient<IdentityPaths>("identity");
/** Identity's routes whose credential is the refresh cookie, or none (sign-in options). */
export const publicIdentityApi = serviceClient<IdentityPaths>("identity", {
  authenticated: false,
});
export const targetingApi = serviceClient<TargetingPaths>("targeting");
export const interviewsApi = serviceClient<InterviewsPaths>("interviews");
export const surveysApi = serviceClient<SurveysPaths>("surveys");
export const reportingApi = serviceClient<ReportingPaths>("reporting");
/**
 * The interviews service for the invited person's pages: no bearer token (the personal
 * link's token in the path is the credential) and a 401 never ends a staff session.
 */
export const publicInterviewsApi = serviceClient<InterviewsPaths>("interviews", {
  authenticated: false,
});

let renewal: Promise<Session | null> | null = null;

/**
 * Renews the access token with the httpOnly refresh cookie (POST /auth/refresh), which
 * rotates that cookie's token. One renewal at a time in this tab (callers share it) and
 * across tabs (a Web Lock): presenting a token another tab has just rotated would end the
 * session for every tab. Resolves to the new session, or null: the renewal was refused
 * (the session has ended and is cleared) or the service could not be reached (kept).
 */
export function renewSession(): Promise<Session | null> {
  renewal ??= exclusively(requestRenewal).finally(() => {
    renewal = null;
  });
  return renewal;
}

async function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request("rsi.session-renewal", task) : task();
}

async function requestRenewal(): Promise<Session | null> {
  try {
    const { data, response } = await publicIdentityApi.POST("/auth/refresh");
    if (data) return startSession(data);
    // Refused: the session has ended (nothing to end on the login page, where a logout's
    // mark must stay).
    if (response.status === 401 && getSession()) clearSession();
  } catch {
    // Unreachable service: the session stays; the next request or renewal tries again.
  }
  return null;
}

/**
 * Renews ahead of expiry, but only for someone using the page (a keystroke, a click since
 * the last renewal): a tab left alone lets its session reach the idle timeout.
 */
const RENEW_AHEAD_MS = 60_000;
let lastActivity = 0;
let renewalTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRenewal() {
  clearTimeout(renewalTimer);
  const session = getSession();
  if (!session) return;
  const scheduledAt = Date.now();
  const lifetime = session.expiresAt - scheduledAt;
  const delay = Math.max(lifetime - Math.min(RENEW_AHEAD_MS, lifetime / 5), 1_000);
  renewalTimer = setTimeout(() => {
    if (lastActivity > scheduledAt) void renewSession();
  }, delay);
}

if (typeof document !== "undefined") {
  for (const event of ["keydown", "pointerdown", "input"]) {
    document.addEventListener(event, () => (lastActivity = Date.now()), {
      capture: true,
      passive: true,
    });
  }
}
onSessionChange(scheduleRenewal);
scheduleRenewal();

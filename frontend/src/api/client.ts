/**
 * One typed openapi-fetch client per backend service.
 *
 * Every service is reached on the SPA's own origin under `/api/<service>` (the
 * dev/preview server or the production reverse proxy strips that prefix).
 * Types come from `src/api/generated/` (see `npm run generate:client`).
 */
import createClient, { type Middleware } from "openapi-fetch";
import { clearSession, getSession } from "../auth/session";
import type { paths as IdentityPaths } from "./generated/identity";
import type { paths as InterviewsPaths } from "./generated/interviews";
import type { paths as ReportingPaths } from "./generated/reporting";
import type { paths as SurveysPaths } from "./generated/surveys";
import type { paths as TargetingPaths } from "./generated/targeting";

/** Adds the bearer token; a 401 means the token is gone, so the session ends. */
export const authMiddleware: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set("Authorization", `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) clearSession();
    return response;
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

/**
 * The signed-in session (bearer token + user), kept in sessionStorage so it
 * survives reloads but not the browser tab. Components subscribe with
 * `useSession()`; the API middleware (api/client.ts) adds the token, renews it through
 * the httpOnly refresh cookie before it expires or on a 401, and clears the session only
 * when the renewal is refused (the session really ended).
 */
import { useSyncExternalStore } from "react";
import type { TokenResponse, User } from "../api/types";

export type Session = {
  token: string;
  user: User;
  /** Epoch milliseconds when the access token expires (the session may live on). */
  expiresAt: number;
};

const STORAGE_KEY = "rsi.session";
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };
/** The last session ended by the user's own logout (not by expiry or a 401). */
let endedByLogout = false;

function parse(raw: string | null): Session | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Session;
    return typeof value.token === "string" && value.user ? value : null;
  } catch {
    return null;
  }
}

/** The session, even past its access token's expiry: a request then gets a 401, which
 * renews the token (and retries) rather than sending a counselor mid-form to the login. */
export function getSession(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (raw !== cached.raw) cached = { raw, session: parse(raw) };
  return cached.session;
}

function notify() {
  for (const listener of listeners) listener();
}

export function startSession(login: TokenResponse): Session {
  const session: Session = {
    token: login.access_token,
    user: login.user,
    expiresAt: Date.now() + login.expires_in * 1000,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  endedByLogout = false;
  notify();
  return session;
}

/** Ends the session; `byLogout` when the user chose to (the next user starts afresh). */
export function clearSession({ byLogout = false }: { byLogout?: boolean } = {}): void {
  endedByLogout = byLogout;
  if (sessionStorage.getItem(STORAGE_KEY) === null) return;
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

/** After a logout the login page must not send the next user to the previous one's page. */
export function sessionEndedByLogout(): boolean {
  return endedByLogout;
}

/** Called on every start, renewal and end of the session. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, getSession, getSession);
}

/**
 * The last person search, kept in memory only (it may hold a NIR: never in the URL or the
 * browser's storage) so that coming back from a file shows the same results. It belongs
 * to the session that made it.
 */
import type { PersonSearch } from "../api/types";
import { getSession } from "../auth/session";

export type RememberedSearch = { criteria: PersonSearch; page: number };

let memory: { token: string; search: RememberedSearch } | null = null;

function sessionKey(): string | undefined {
  const session = getSession();
  return session ? `${session.token}:${session.expiresAt}` : undefined;
}

export function rememberSearch(search: RememberedSearch): void {
  const token = sessionKey();
  memory = token ? { token, search } : null;
}

export function recallSearch(): RememberedSearch | null {
  const token = sessionKey();
  if (!memory || memory.token !== token) {
    memory = null;
    return null;
  }
  return memory.search;
}

export function forgetSearch(): void {
  memory = null;
}

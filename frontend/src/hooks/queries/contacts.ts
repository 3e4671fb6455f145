import { useQuery } from "@tanstack/react-query";
import { interviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";

export const contactsKeys = {
  all: ["interviews", "contacts"] as const,
  history: (personId: number) => [...contactsKeys.all, "person", personId] as const,
};

/** A person's contact history: interviews, meetings, letters (newest first). */
export function useContactHistory(personId: number) {
  return useQuery({
    queryKey: contactsKeys.history(personId),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/persons/{person_id}/contacts", {
          params: { path: { person_id: personId } },
          signal,
        }),
      ),
    enabled: Number.isSafeInteger(personId) && personId > 0,
  });
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { interviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { FollowUpQuery, FollowUpUpdate } from "../../api/types";

const followUpsKey = ["interviews", "follow-ups"] as const;

/** The follow-ups worklist (open ones by due date, by default). */
export function useFollowUps(query: FollowUpQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...followUpsKey, query],
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/follow-ups", { params: { query }, signal })),
  });
}

export function useUpdateFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, change }: { id: number; change: FollowUpUpdate }) =>
      unwrap(
        await interviewsApi.PATCH("/follow-ups/{follow_up_id}", {
          params: { path: { follow_up_id: id } },
          body: change,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: followUpsKey }),
  });
}

import { useQuery } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { Job } from "../../api/types";

/** How often a running job is polled. */
export const JOB_POLL_MS = 500;

export const jobsKeys = {
  all: ["targeting", "jobs"] as const,
  detail: (id: string) => [...jobsKeys.all, id] as const,
};

export function isFinished(job: Pick<Job, "status"> | undefined): boolean {
  return job?.status === "succeeded" || job?.status === "failed";
}

/** A targeting job (import, list materialisation), polled until it has finished. */
export function useJob(jobId: string | null | undefined) {
  return useQuery({
    queryKey: jobsKeys.detail(jobId ?? ""),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/jobs/{job_id}", {
          params: { path: { job_id: jobId! } },
          signal,
        }),
      ),
    enabled: Boolean(jobId),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.status === "error" || isFinished(query.state.data) ? false : JOB_POLL_MS,
  });
}

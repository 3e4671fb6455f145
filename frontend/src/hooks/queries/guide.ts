import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { interviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { GuideDraftWrite, InterviewRecordWrite } from "../../api/types";
import { interviewsKeys } from "./interviews";

export const guideKeys = {
  all: ["interviews", "guide"] as const,
  versions: () => [...guideKeys.all, "versions"] as const,
  version: (number: number) => [...guideKeys.versions(), number] as const,
  proposal: (interviewId: string) => [...guideKeys.all, "proposal", interviewId] as const,
  record: (interviewId: string) => [...guideKeys.all, "record", interviewId] as const,
};

export function useInterview(id: string) {
  return useQuery({
    queryKey: interviewsKeys.interview(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/interviews/{interview_id}", {
          params: { path: { interview_id: id } },
          signal,
        }),
      ),
  });
}

/** The guide's sections, each flagged when it applies to the interview's person. */
export function useInterviewGuide(id: string) {
  return useQuery({
    queryKey: guideKeys.proposal(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/interviews/{interview_id}/guide", {
          params: { path: { interview_id: id } },
          signal,
        }),
      ),
    staleTime: Infinity,
  });
}

/** What was recorded for the interview; null while nothing has been. */
export function useInterviewRecord(id: string) {
  return useQuery({
    queryKey: guideKeys.record(id),
    queryFn: async ({ signal }) => {
      const result = await interviewsApi.GET("/interviews/{interview_id}/record", {
        params: { path: { interview_id: id } },
        signal,
      });
      return result.response.status === 404 ? null : unwrap(result);
    },
  });
}

export function useRecordInterview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InterviewRecordWrite) =>
      unwrap(
        await interviewsApi.PUT("/interviews/{interview_id}/record", {
          params: { path: { interview_id: id } },
          body,
        }),
      ),
    onSuccess: (record) => {
      queryClient.setQueryData(guideKeys.record(id), record);
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.interview(id) });
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.agendas() });
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.history(id) });
    },
  });
}

export function useGuideVersions() {
  return useQuery({
    queryKey: guideKeys.versions(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/guide/versions", { signal })),
  });
}

export function useGuideVersion(number: number | null) {
  return useQuery({
    queryKey: guideKeys.version(number ?? 0),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/guide/versions/{number}", {
          params: { path: { number: number! } },
          signal,
        }),
      ),
    enabled: number !== null,
  });
}

export function useCreateGuideDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await interviewsApi.POST("/guide/versions")),
    onSuccess: (version) => {
      queryClient.setQueryData(guideKeys.version(version.number), version);
      void queryClient.invalidateQueries({ queryKey: guideKeys.versions(), exact: true });
    },
  });
}

export function useSaveGuideSections(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: GuideDraftWrite) =>
      unwrap(
        await interviewsApi.PUT("/guide/versions/{number}/sections", {
          params: { path: { number } },
          body,
        }),
      ),
    onSuccess: (version) => queryClient.setQueryData(guideKeys.version(number), version),
  });
}

export function usePublishGuide(number: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await interviewsApi.POST("/guide/versions/{number}/publish", {
          params: { path: { number } },
        }),
      ),
    onSuccess: (version) => {
      queryClient.setQueryData(guideKeys.version(number), version);
      void queryClient.invalidateQueries({ queryKey: guideKeys.versions(), exact: true });
    },
  });
}

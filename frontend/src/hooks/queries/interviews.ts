import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { interviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type {
  AbsenceCreate,
  AbsenceUpdate,
  BookingRequest,
  Interview,
  OpeningPeriod,
  SlotQuery,
} from "../../api/types";

export const interviewsKeys = {
  all: ["interviews"] as const,
  counselors: () => [...interviewsKeys.all, "counselors"] as const,
  sites: () => [...interviewsKeys.all, "sites"] as const,
  slots: (query: SlotQuery) => [...interviewsKeys.all, "slots", query] as const,
  agendas: () => [...interviewsKeys.all, "agenda"] as const,
  agenda: (counselorId: number, start: string, end: string) =>
    [...interviewsKeys.agendas(), counselorId, start, end] as const,
  interview: (id: string) => [...interviewsKeys.all, "interview", id] as const,
  history: (id: string) => [...interviewsKeys.all, "interview", id, "history"] as const,
};

/** The counselors of the caller's caisse. */
export function useCounselors(enabled = true) {
  return useQuery({
    queryKey: interviewsKeys.counselors(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/counselors", { signal })),
    enabled,
  });
}

export type Site = { id: number; name: string; address: string; caisse_code: string };

/** The caisse's reception sites. */
export function useSites() {
  return useQuery({
    queryKey: interviewsKeys.sites(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/sites", { signal })),
    staleTime: 5 * 60_000,
  });
}

/** A counselor's saved weekly opening periods. */
export function useOpeningHours(counselorId: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...interviewsKeys.all, "opening-hours", counselorId] as const,
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/counselors/{counselor_id}/opening-hours", {
          params: { path: { counselor_id: counselorId } },
          signal,
        }),
      ),
  });
}

export function useSlots(query: SlotQuery | null) {
  return useQuery({
    queryKey: interviewsKeys.slots(query ?? ({} as SlotQuery)),
    queryFn: async ({ signal }) =>
      unwrap(await interviewsApi.GET("/slots", { params: { query: query! }, signal })),
    enabled: query !== null,
    staleTime: 0,
  });
}

/** A counselor's interviews between two instants (ISO with offset). */
export function useAgenda(counselorId: number | undefined, start: string, end: string) {
  return useQuery({
    queryKey: interviewsKeys.agenda(counselorId ?? 0, start, end),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/counselors/{counselor_id}/interviews", {
          params: { path: { counselor_id: counselorId! }, query: { start, end } },
          signal,
        }),
      ),
    enabled: counselorId !== undefined,
  });
}

export function useInterviewHistory(id: string) {
  return useQuery({
    queryKey: interviewsKeys.history(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/interviews/{interview_id}/history", {
          params: { path: { interview_id: id } },
          signal,
        }),
      ),
  });
}

/** After any change: agendas, slots and the interview's history are stale. */
function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  return (interview?: Interview) => {
    void queryClient.invalidateQueries({ queryKey: interviewsKeys.agendas() });
    void queryClient.invalidateQueries({ queryKey: [...interviewsKeys.all, "slots"] });
    if (interview) {
      queryClient.setQueryData(interviewsKeys.interview(interview.id), interview);
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.history(interview.id) });
    }
  };
}

export function useBookInterview() {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: async (body: BookingRequest) =>
      unwrap(await interviewsApi.POST("/interviews", { body })),
    onSuccess: (interview) => refresh(interview),
    // 409: the slot was taken meanwhile; the slots on screen are stale.
    onError: () => refresh(),
  });
}

export function useRescheduleInterview(id: string) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: async (start: string) =>
      unwrap(
        await interviewsApi.POST("/interviews/{interview_id}/reschedule", {
          params: { path: { interview_id: id } },
          body: { start },
        }),
      ),
    onSuccess: (interview) => refresh(interview),
    onError: () => refresh(),
  });
}

export function useCancelInterview(id: string) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await interviewsApi.POST("/interviews/{interview_id}/cancel", {
          params: { path: { interview_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: (interview) => refresh(interview),
  });
}

export function useRecordOutcome(id: string) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: async (outcome: "done" | "no_show") =>
      unwrap(
        await interviewsApi.POST("/interviews/{interview_id}/outcome", {
          params: { path: { interview_id: id }, query: { outcome } },
        }),
      ),
    onSuccess: (interview) => refresh(interview),
  });
}

/** Replaces all the weekly opening periods of a counselor. */
export function useSetOpeningHours(counselorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (periods: OpeningPeriod[]) =>
      unwrap(
        await interviewsApi.PUT("/counselors/{counselor_id}/opening-hours", {
          params: { path: { counselor_id: counselorId } },
          body: { periods },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...interviewsKeys.all, "slots"] });
      void queryClient.invalidateQueries({
        queryKey: [...interviewsKeys.all, "opening-hours", counselorId],
      });
    },
  });
}

const absencesKey = (counselorId: number) => [...interviewsKeys.all, "absences", counselorId] as const;

/** A counselor's current and coming absences. */
export function useAbsences(counselorId: number) {
  return useQuery({
    queryKey: absencesKey(counselorId),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/counselors/{counselor_id}/absences", {
          params: { path: { counselor_id: counselorId } },
          signal,
        }),
      ),
  });
}

/** After an absence changes: the list and the free slots are stale. */
function useRefreshAbsences(counselorId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: absencesKey(counselorId) });
    void queryClient.invalidateQueries({ queryKey: [...interviewsKeys.all, "slots"] });
  };
}

export function useAddAbsence(counselorId: number) {
  const refresh = useRefreshAbsences(counselorId);
  return useMutation({
    mutationFn: async (absence: AbsenceCreate) =>
      unwrap(
        await interviewsApi.POST("/counselors/{counselor_id}/absences", {
          params: { path: { counselor_id: counselorId } },
          body: absence,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useUpdateAbsence(counselorId: number) {
  const refresh = useRefreshAbsences(counselorId);
  return useMutation({
    mutationFn: async ({ id, change }: { id: number; change: AbsenceUpdate }) =>
      unwrap(
        await interviewsApi.PATCH("/counselors/{counselor_id}/absences/{absence_id}", {
          params: { path: { counselor_id: counselorId, absence_id: id } },
          body: change,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteAbsence(counselorId: number) {
  const refresh = useRefreshAbsences(counselorId);
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(
        await interviewsApi.DELETE("/counselors/{counselor_id}/absences/{absence_id}", {
          params: { path: { counselor_id: counselorId, absence_id: id } },
        }),
      ),
    onSuccess: refresh,
  });
}

const agendaFeedKey = (counselorId: number) => [...interviewsKeys.all, "agenda-feed", counselorId] as const;

/** The counselor's calendar subscription address (url null: none). */
export function useAgendaFeed(counselorId: number) {
  return useQuery({
    queryKey: agendaFeedKey(counselorId),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/counselors/{counselor_id}/agenda-feed", {
          params: { path: { counselor_id: counselorId } },
          signal,
        }),
      ),
  });
}

/** "renew": a new address (the previous one stops working); "revoke": none any more. */
export function useChangeAgendaFeed(counselorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: "renew" | "revoke") => {
      const params = { params: { path: { counselor_id: counselorId } } };
      return unwrap(
        change === "renew"
          ? await interviewsApi.PUT("/counselors/{counselor_id}/agenda-feed", params)
          : await interviewsApi.DELETE("/counselors/{counselor_id}/agenda-feed", params),
      );
    },
    onSuccess: (feed) => queryClient.setQueryData(agendaFeedKey(counselorId), feed),
  });
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { interviewsApi, targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { MeetingCreate, MeetingUpdate } from "../../api/types";

export const meetingsKeys = {
  all: ["interviews", "meetings"] as const,
  list: () => [...meetingsKeys.all, "list"] as const,
  detail: (id: number) => [...meetingsKeys.all, "detail", id] as const,
  registrations: (id: number) => [...meetingsKeys.all, "registrations", id] as const,
  categories: ["targeting", "professional-categories"] as const,
};

export function useMeetings() {
  return useQuery({
    queryKey: meetingsKeys.list(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/meetings", { signal })),
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: meetingsKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/meetings/{meeting_id}", {
          params: { path: { meeting_id: id } },
          signal,
        }),
      ),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

export function useRegistrations(id: number) {
  return useQuery({
    queryKey: meetingsKeys.registrations(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/meetings/{meeting_id}/registrations", {
          params: { path: { meeting_id: id } },
          signal,
        }),
      ),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

/** The reference list of professional categories (targeting). */
export function useProfessionalCategories() {
  return useQuery({
    queryKey: meetingsKeys.categories,
    queryFn: async ({ signal }) =>
      unwrap(await targetingApi.GET("/professional-categories", { signal })),
    staleTime: Infinity,
  });
}

export function useCreateMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MeetingCreate) =>
      unwrap(await interviewsApi.POST("/meetings", { body })),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingsKeys.detail(meeting.id), meeting);
      void queryClient.invalidateQueries({ queryKey: meetingsKeys.list() });
    },
  });
}

export function useUpdateMeeting(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MeetingUpdate) =>
      unwrap(
        await interviewsApi.PATCH("/meetings/{meeting_id}", {
          params: { path: { meeting_id: id } },
          body,
        }),
      ),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingsKeys.detail(id), meeting);
      void queryClient.invalidateQueries({ queryKey: meetingsKeys.list() });
      // A larger capacity seats people from the waiting list.
      void queryClient.invalidateQueries({ queryKey: meetingsKeys.registrations(id) });
    },
  });
}

/** After a registration changes: the list and the meeting's counts. */
function useRefreshRegistrations(id: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: meetingsKeys.registrations(id) });
    void queryClient.invalidateQueries({ queryKey: meetingsKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: meetingsKeys.list() });
  };
}

export function useRegisterPerson(id: number) {
  const refresh = useRefreshRegistrations(id);
  return useMutation({
    mutationFn: async ({ personId, outsideTargetReason }: { personId: number; outsideTargetReason?: string }) =>
      unwrap(
        await interviewsApi.POST("/meetings/{meeting_id}/registrations", {
          params: { path: { meeting_id: id } },
          body: { person_id: personId, ...(outsideTargetReason ? { outside_target_reason: outsideTargetReason } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCancelRegistration(id: number) {
  const refresh = useRefreshRegistrations(id);
  return useMutation({
    mutationFn: async (registrationId: number) =>
      unwrap(
        await interviewsApi.POST("/meetings/{meeting_id}/registrations/{registration_id}/cancel", {
          params: { path: { meeting_id: id, registration_id: registrationId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCheckIn(id: number) {
  const refresh = useRefreshRegistrations(id);
  return useMutation({
    mutationFn: async (registrationId: number) =>
      unwrap(
        await interviewsApi.POST(
          "/meetings/{meeting_id}/registrations/{registration_id}/check-in",
          { params: { path: { meeting_id: id, registration_id: registrationId } } },
        ),
      ),
    onSuccess: refresh,
  });
}

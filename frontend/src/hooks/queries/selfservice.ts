import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { interviewsApi, publicInterviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { Channel, PublicBookingRequest, PublicInvitation } from "../../api/types";

export const selfServiceKeys = {
  all: ["interviews", "selfservice"] as const,
  invitation: (token: string) => [...selfServiceKeys.all, "invitation", token] as const,
  slots: (token: string, channel: Channel, from: string, to: string) =>
    [...selfServiceKeys.all, "slots", token, channel, from, to] as const,
  capacity: (listId: string) => [...selfServiceKeys.all, "capacity", listId] as const,
  alerts: () => [...selfServiceKeys.all, "alerts"] as const,
  planning: (year: number) => [...selfServiceKeys.all, "planning", year] as const,
};

const path = (token: string) => ({ params: { path: { token } } });

/** The invitation behind a personal link, as its person sees it (no account). */
export function usePublicInvitation(token: string) {
  return useQuery({
    queryKey: selfServiceKeys.invitation(token),
    queryFn: async ({ signal }) =>
      unwrap(await publicInterviewsApi.GET("/public/invitations/{token}", { ...path(token), signal })),
    staleTime: 0,
  });
}

/** Free times for the invitation, one week (or any range up to 31 days). */
export function usePublicSlots(token: string, channel: Channel | null, from: string, to: string) {
  return useQuery({
    queryKey: selfServiceKeys.slots(token, channel ?? "phone", from, to),
    queryFn: async ({ signal }) =>
      unwrap(
        await publicInterviewsApi.GET("/public/invitations/{token}/slots", {
          params: { path: { token }, query: { channel: channel!, from, to } },
          signal,
        }),
      ),
    enabled: channel !== null,
    staleTime: 0,
  });
}

type PublicAction =
  | { kind: "book"; body: PublicBookingRequest }
  | { kind: "reschedule"; start: string }
  | { kind: "cancel" };

/** Book, move or cancel from the personal link; the answer is the invitation's new view. */
export function usePublicBooking(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: PublicAction): Promise<PublicInvitation> => {
      if (action.kind === "book") {
        return unwrap(
          await publicInterviewsApi.POST("/public/invitations/{token}/booking", {
            ...path(token),
            body: action.body,
          }),
        );
      }
      if (action.kind === "reschedule") {
        return unwrap(
          await publicInterviewsApi.POST("/public/invitations/{token}/booking/reschedule", {
            ...path(token),
            body: { start: action.start },
          }),
        );
      }
      return unwrap(
        await publicInterviewsApi.POST("/public/invitations/{token}/booking/cancel", path(token)),
      );
    },
    onSuccess: (invitation) => {
      queryClient.setQueryData(selfServiceKeys.invitation(token), invitation);
      void queryClient.invalidateQueries({ queryKey: [...selfServiceKeys.all, "slots", token] });
    },
  });
}

/** Before a campaign: the list's people against the free slots (interview proposals). */
export function useCapacity(targetListId: string, enabled: boolean) {
  return useQuery({
    queryKey: selfServiceKeys.capacity(targetListId),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/capacity", {
          params: { query: { target_list_id: targetListId } },
          signal,
        }),
      ),
    enabled,
  });
}

/** The daily check: actions whose open invitations exceed the free slots ahead. */
export function useCapacityAlerts() {
  return useQuery({
    queryKey: selfServiceKeys.alerts(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/capacity/alerts", { signal })),
  });
}

/** Hours needed against hours available, per interview action of the year. */
export function usePlanning(year: number) {
  return useQuery({
    queryKey: selfServiceKeys.planning(year),
    queryFn: async ({ signal }) =>
      unwrap(await interviewsApi.GET("/planning", { params: { query: { year } }, signal })),
  });
}

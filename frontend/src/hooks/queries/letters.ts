import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { interviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type {
  Campaign,
  CampaignCreate,
  InterviewsJob,
  InvitationUpdate,
  LetterContactsCreate,
  MessageStatus,
  TemplateWrite,
} from "../../api/types";
import { type DownloadedFile, fetchedFile } from "../../components/download";
import { JOB_POLL_MS, isFinished } from "./jobs";

/** Invitations shown per page of a campaign. */
export const INVITATIONS_PAGE_SIZE = 50;

export const lettersKeys = {
  all: ["interviews", "letters"] as const,
  templates: () => [...lettersKeys.all, "templates"] as const,
  fields: () => [...lettersKeys.all, "fields"] as const,
  campaigns: () => [...lettersKeys.all, "campaigns"] as const,
  campaign: (id: string) => [...lettersKeys.campaigns(), "detail", id] as const,
  invitations: (id: string, afterRank: number) =>
    [...lettersKeys.campaigns(), "invitations", id, afterRank] as const,
  messages: (id: string, status: MessageStatus | undefined, offset: number) =>
    [...lettersKeys.campaigns(), "messages", id, status ?? "all", offset] as const,
  job: (id: string) => [...lettersKeys.all, "job", id] as const,
};

export function useLetterTemplates() {
  return useQuery({
    queryKey: lettersKeys.templates(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/letter-templates", { signal })),
  });
}

/** The merge fields a template may use. */
export function useMergeFields() {
  return useQuery({
    queryKey: lettersKeys.fields(),
    queryFn: async ({ signal }) =>
      unwrap(await interviewsApi.GET("/letter-templates/fields", { signal })),
    staleTime: Infinity,
  });
}

/** Creates a template (no id) or replaces one. */
export function useSaveTemplate(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TemplateWrite) =>
      unwrap(
        id === null
          ? await interviewsApi.POST("/letter-templates", { body })
          : await interviewsApi.PUT("/letter-templates/{template_id}", {
              params: { path: { template_id: id } },
              body,
            }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: lettersKeys.templates() }),
  });
}

export function useCampaigns() {
  return useQuery({
    queryKey: lettersKeys.campaigns(),
    queryFn: async ({ signal }) => unwrap(await interviewsApi.GET("/campaigns", { signal })),
  });
}

const running = (job: InterviewsJob | undefined) => job !== undefined && !isFinished(job);

/** A campaign, polled while its letters are being written. */
export function useCampaign(id: string) {
  return useQuery({
    queryKey: lettersKeys.campaign(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/campaigns/{campaign_id}", {
          params: { path: { campaign_id: id } },
          signal,
        }),
      ),
    refetchInterval: (query) => (running(query.state.data?.job) ? JOB_POLL_MS : false),
  });
}

/** A job of the interviews service (reminders, letter contacts), polled until it has finished. */
export function useInterviewsJob(jobId: string | null) {
  return useQuery({
    queryKey: lettersKeys.job(jobId ?? ""),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/jobs/{job_id}", { params: { path: { job_id: jobId! } }, signal }),
      ),
    enabled: Boolean(jobId),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.status === "error" || isFinished(query.state.data) ? false : JOB_POLL_MS,
  });
}

export function useStartCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CampaignCreate) =>
      unwrap(await interviewsApi.POST("/campaigns", { body })),
    onSuccess: (campaign) => {
      queryClient.setQueryData(lettersKeys.campaign(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: lettersKeys.campaigns(), exact: true });
    },
  });
}

/** The list's first letter as it would be printed, and the fields that would print empty. */
export function usePreviewCampaign() {
  return useMutation({
    mutationFn: async (body: CampaignCreate) =>
      unwrap(await interviewsApi.POST("/campaigns/preview", { body })),
  });
}

/** A page of a campaign's invitations, by rank. */
export function useInvitations(id: string, afterRank: number, enabled: boolean) {
  return useQuery({
    queryKey: lettersKeys.invitations(id, afterRank),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/campaigns/{campaign_id}/invitations", {
          params: {
            path: { campaign_id: id },
            query: { after_rank: afterRank, limit: INVITATIONS_PAGE_SIZE },
          },
          signal,
        }),
      ),
    enabled,
  });
}

/** Messages shown per page of a campaign. */
export const MESSAGES_PAGE_SIZE = 20;

/** A page of a campaign's emails and SMS (latest first), with the counts of each status. */
export function useCampaignMessages(
  id: string,
  status: MessageStatus | undefined,
  offset: number,
  enabled: boolean,
) {
  return useQuery({
    queryKey: lettersKeys.messages(id, status, offset),
    queryFn: async ({ signal }) =>
      unwrap(
        await interviewsApi.GET("/campaigns/{campaign_id}/messages", {
          params: {
            path: { campaign_id: id },
            query: { status, limit: MESSAGES_PAGE_SIZE, offset },
          },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

function useRefreshCampaign(id: string) {
  const queryClient = useQueryClient();
  return (campaign?: Campaign) => {
    if (campaign) queryClient.setQueryData(lettersKeys.campaign(id), campaign);
    else void queryClient.invalidateQueries({ queryKey: lettersKeys.campaign(id) });
    void queryClient.invalidateQueries({ queryKey: [...lettersKeys.campaigns(), "invitations", id] });
  };
}

export function useUpdateInvitation(campaignId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: number } & InvitationUpdate) =>
      unwrap(
        await interviewsApi.PATCH("/invitations/{invitation_id}", {
          params: { path: { invitation_id: id } },
          body,
        }),
      ),
    onSuccess: () => refresh(),
  });
}

export function useSendReminders(campaignId: string) {
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await interviewsApi.POST("/campaigns/{campaign_id}/reminders", {
          params: { path: { campaign_id: campaignId } },
        }),
      ),
  });
}

export function useCloseCampaign(campaignId: string) {
  const refresh = useRefreshCampaign(campaignId);
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await interviewsApi.POST("/campaigns/{campaign_id}/close", {
          params: { path: { campaign_id: campaignId } },
        }),
      ),
    onSuccess: (campaign) => refresh(campaign),
  });
}

/** Records that every person of a letter action's list was sent the letter, as a job. */
export function useRecordLetterContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LetterContactsCreate) =>
      unwrap(await interviewsApi.POST("/letter-contacts", { body })),
    // The job is shown at once; useInterviewsJob then polls it.
    onSuccess: ({ job }) => queryClient.setQueryData(lettersKeys.job(job.id), job),
  });
}


/** Every letter of the campaign in one PDF, or one volume of a campaign in several. */
export async function fetchCampaignLetters(id: string, volume?: number): Promise<DownloadedFile> {
  return fetchedFile(
    interviewsApi.GET("/campaigns/{campaign_id}/letters.pdf", {
      params: { path: { campaign_id: id }, query: volume ? { volume } : {} },
      parseAs: "blob",
    }),
    volume ? `courriers-${id}-volume-${volume}.pdf` : `courriers-${id}.pdf`,
  );
}

/** Every volume of a campaign's letters in one ZIP. */
export async function fetchCampaignVolumes(id: string): Promise<DownloadedFile> {
  return fetchedFile(
    interviewsApi.GET("/campaigns/{campaign_id}/letters.zip", {
      params: { path: { campaign_id: id } },
      parseAs: "blob",
    }),
    `courriers-${id}.zip`,
  );
}

export async function fetchCampaignReminders(id: string): Promise<DownloadedFile> {
  return fetchedFile(
    interviewsApi.GET("/campaigns/{campaign_id}/reminders.pdf", {
      params: { path: { campaign_id: id } },
      parseAs: "blob",
    }),
    `relances-${id}.pdf`,
  );
}

export async function fetchInvitationLetter(id: number): Promise<DownloadedFile> {
  return fetchedFile(
    interviewsApi.GET("/invitations/{invitation_id}/letter.pdf", {
      params: { path: { invitation_id: id } },
      parseAs: "blob",
    }),
    `courrier-${id}.pdf`,
  );
}

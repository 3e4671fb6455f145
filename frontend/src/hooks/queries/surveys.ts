import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { surveysApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type {
  AnswerValue,
  MessageStatus,
  SurveyCampaignCreate,
  QuestionCreate,
  QuestionFields,
  QuestionnaireVersion,
  ResultsQuery,
} from "../../api/types";
import { type DownloadedFile, type ExportFormat, fetchedFile } from "../../components/download";

export const surveysKeys = {
  all: ["surveys"] as const,
  versions: () => [...surveysKeys.all, "versions"] as const,
  version: (id: number) => [...surveysKeys.all, "version", id] as const,
  campaigns: () => [...surveysKeys.all, "campaigns"] as const,
  campaign: (id: number) => [...surveysKeys.all, "campaign", id] as const,
  links: (id: number, offset: number) => [...surveysKeys.all, "links", id, offset] as const,
  messages: (id: number, status: MessageStatus | undefined, offset: number) =>
    [...surveysKeys.all, "messages", id, status ?? "all", offset] as const,
  results: (query: ResultsQuery) => [...surveysKeys.all, "results", query] as const,
  comments: (query: ResultsQuery) => [...surveysKeys.all, "comments", query] as const,
  answer: (token: string) => ["answer", token] as const,
};

const validId = (id: number | undefined): id is number =>
  id !== undefined && Number.isSafeInteger(id) && id > 0;

export function useQuestionnaireVersions() {
  return useQuery({
    queryKey: surveysKeys.versions(),
    queryFn: async ({ signal }) => unwrap(await surveysApi.GET("/questionnaires", { signal })),
  });
}

export function useQuestionnaireVersion(id: number | undefined) {
  return useQuery({
    queryKey: surveysKeys.version(id ?? 0),
    queryFn: async ({ signal }) =>
      unwrap(
        await surveysApi.GET("/questionnaires/{version_id}", {
          params: { path: { version_id: id! } },
          signal,
        }),
      ),
    enabled: validId(id),
  });
}

/** Every change to a version answers the whole version: put it in the cache. */
function useVersionChange<Args>(
  change: (args: Args) => Promise<QuestionnaireVersion>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (version) => {
      queryClient.setQueryData(surveysKeys.version(version.id), version);
      void queryClient.invalidateQueries({ queryKey: surveysKeys.versions() });
    },
  });
}

export function useCreateDraft() {
  return useVersionChange(async () =>
    unwrap(await surveysApi.POST("/questionnaires", { body: {} })),
  );
}

export function useAddQuestion(versionId: number) {
  return useVersionChange(async (question: QuestionCreate) =>
    unwrap(
      await surveysApi.POST("/questionnaires/{version_id}/questions", {
        params: { path: { version_id: versionId } },
        body: question,
      }),
    ),
  );
}

export function useReplaceQuestion(versionId: number) {
  return useVersionChange(async ({ id, fields }: { id: number; fields: QuestionFields }) =>
    unwrap(
      await surveysApi.PUT("/questionnaires/{version_id}/questions/{question_id}", {
        params: { path: { version_id: versionId, question_id: id } },
        body: fields,
      }),
    ),
  );
}

export function useDeleteQuestion(versionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (questionId: number) => {
      const result = await surveysApi.DELETE(
        "/questionnaires/{version_id}/questions/{question_id}",
        { params: { path: { version_id: versionId, question_id: questionId } } },
      );
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveysKeys.version(versionId) }),
  });
}

export function usePublishVersion(versionId: number) {
  return useVersionChange(async () =>
    unwrap(
      await surveysApi.POST("/questionnaires/{version_id}/publish", {
        params: { path: { version_id: versionId } },
      }),
    ),
  );
}

export function useSurveyCampaigns() {
  return useQuery({
    queryKey: surveysKeys.campaigns(),
    queryFn: async ({ signal }) => unwrap(await surveysApi.GET("/campaigns", { signal })),
  });
}

export function useSurveyCampaign(id: number | undefined) {
  return useQuery({
    queryKey: surveysKeys.campaign(id ?? 0),
    queryFn: async ({ signal }) =>
      unwrap(
        await surveysApi.GET("/campaigns/{campaign_id}", {
          params: { path: { campaign_id: id! } },
          signal,
        }),
      ),
    enabled: validId(id),
  });
}

export function useCreateSurveyCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (campaign: SurveyCampaignCreate) =>
      unwrap(await surveysApi.POST("/campaigns", { body: campaign })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveysKeys.campaigns() }),
  });
}

export function useCloseSurveyCampaign(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await surveysApi.POST("/campaigns/{campaign_id}/close", {
          params: { path: { campaign_id: id } },
        }),
      ),
    onSuccess: (campaign) => {
      queryClient.setQueryData(surveysKeys.campaign(id), campaign);
      void queryClient.invalidateQueries({ queryKey: surveysKeys.campaigns() });
    },
  });
}

export const LINKS_PAGE_SIZE = 50;

export function useSurveyCampaignLinks(id: number, offset: number, enabled: boolean) {
  return useQuery({
    queryKey: surveysKeys.links(id, offset),
    queryFn: async ({ signal }) =>
      unwrap(
        await surveysApi.GET("/campaigns/{campaign_id}/links", {
          params: { path: { campaign_id: id }, query: { limit: LINKS_PAGE_SIZE, offset } },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const SURVEY_MESSAGES_PAGE_SIZE = 20;

/** A page of the emails and SMS carrying a campaign's links, with the counts of each status. */
export function useSurveyCampaignMessages(
  id: number,
  status: MessageStatus | undefined,
  offset: number,
  enabled: boolean,
) {
  return useQuery({
    queryKey: surveysKeys.messages(id, status, offset),
    queryFn: async ({ signal }) =>
      unwrap(
        await surveysApi.GET("/campaigns/{campaign_id}/messages", {
          params: {
            path: { campaign_id: id },
            query: { status, limit: SURVEY_MESSAGES_PAGE_SIZE, offset },
          },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useReissueLink() {
  return useMutation({
    mutationFn: async (linkId: number) =>
      unwrap(
        await surveysApi.POST("/links/{link_id}/reissue", {
          params: { path: { link_id: linkId } },
        }),
      ),
  });
}

export function useRunDraw() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await surveysApi.POST("/draws/run", {})),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveysKeys.all }),
  });
}

/** Answers arrive from outside the application: results are refetched on each visit. */
export function useSurveyResults(query: ResultsQuery, enabled = true) {
  return useQuery({
    staleTime: 0,
    queryKey: surveysKeys.results(query),
    queryFn: async ({ signal }) =>
      unwrap(await surveysApi.GET("/results", { params: { query }, signal })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSurveyComments(query: ResultsQuery, enabled = true) {
  return useQuery({
    staleTime: 0,
    queryKey: surveysKeys.comments(query),
    queryFn: async ({ signal }) =>
      unwrap(
        await surveysApi.GET("/results/comments", {
          params: { query: { ...query, limit: 100 } },
          signal,
        }),
      ),
    enabled,
  });
}

/** The caisses side by side on response rate and satisfaction (national office). */
export function useCaisseComparison(query: ResultsQuery, enabled = true) {
  return useQuery({
    staleTime: 0,
    queryKey: [...surveysKeys.all, "caisses", query] as const,
    queryFn: async ({ signal }) =>
      unwrap(await surveysApi.GET("/results/caisses", { params: { query }, signal })),
    enabled,
  });
}

export async function fetchAnswers(
  query: ResultsQuery,
  format: ExportFormat,
): Promise<DownloadedFile> {
  return fetchedFile(
    surveysApi.GET("/results/answers.{format}", {
      params: { query, path: { format } },
      parseAs: "blob",
    }),
    `reponses-questionnaire.${format}`,
  );
}

/** The public answer page: no session, the token in the path is the only key. */
export function useAnswerForm(token: string) {
  return useQuery({
    queryKey: surveysKeys.answer(token),
    queryFn: async ({ signal }) =>
      unwrap(
        await surveysApi.GET("/answer/{token}", { params: { path: { token } }, signal }),
      ),
    retry: false,
  });
}

export function useSubmitAnswers(token: string) {
  return useMutation({
    mutationFn: async (answers: Record<string, AnswerValue>) =>
      unwrap(
        await surveysApi.POST("/answer/{token}", {
          params: { path: { token } },
          body: { answers },
        }),
      ),
  });
}

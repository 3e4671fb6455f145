import type { QuestionType } from "../api/types";

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  scale_1_5: "Échelle de 1 à 5",
  single_choice: "Choix unique",
  multiple_choice: "Choix multiples",
  yes_no: "Oui / non",
  free_text: "Texte libre",
};

export const VERSION_STATUS_LABELS: Record<string, string> = {
  draft: "Brouillon",
  published: "Publiée",
  retired: "Retirée",
};

export const CHANNEL_LABELS: Record<string, string> = {
  in_person: "À l’accueil",
  phone: "Par téléphone",
  collective: "Réunion collective",
  letter: "Courrier",
};

/** "oui"/"non" for yes/no answers, the value itself otherwise. */
export function answerLabel(type: QuestionType, value: string): string {
  if (type === "yes_no") return value === "yes" ? "Oui" : "Non";
  return value;
}

/** "62 %" */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${Math.round(share * 100)} %`;
}

/** "4,2" */
export function formatMean(mean: number | null | undefined): string {
  return mean === null || mean === undefined
    ? "—"
    : mean.toLocaleString("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

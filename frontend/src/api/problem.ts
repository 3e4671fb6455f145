/**
 * RFC 9457 problem details returned by every service on error.
 *
 * The services' contracts describe the problem body; here it is only read
 * defensively (the body may also be missing or not JSON, e.g. from a proxy).
 */

/** Error thrown by `unwrap()` for any non-2xx answer. */
export class ApiError extends Error {
  readonly status: number;
  /** The raw problem+json body, when there was one. */
  readonly problem: unknown;

  constructor(status: number, problem: unknown) {
    super(problemText(problem) ?? STATUS_MESSAGES[status] ?? `La demande a échoué (erreur ${status}).`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** The problem's stable machine code (e.g. `person.invalid_nir`), to branch on. */
  get code(): string | undefined {
    const code = field(this.problem, "code");
    return typeof code === "string" ? code : undefined;
  }

  /** Field-level messages (`errors: [{field, message}]`) when the service gave some. */
  get fieldErrors(): { field: string; message: string }[] {
    const errors = field(this.problem, "errors");
    return Array.isArray(errors)
      ? errors.filter(
          (e): e is { field: string; message: string } =>
            typeof field(e, "field") === "string" && typeof field(e, "message") === "string",
        )
      : [];
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * French words for a status when the answer carries no detail (a proxy's page, a cut
 * connection): the services' own problems always carry a French `detail`, shown as is.
 */
const STATUS_MESSAGES: Record<number, string> = {
  401: "Votre session a expiré : reconnectez-vous.",
  403: "Votre rôle ne permet pas cette action.",
  404: "L’élément demandé est introuvable.",
  409: "La modification entre en conflit avec l’état actuel.",
  413: "Le fichier ou la demande est trop volumineux.",
  422: "La demande est invalide.",
  429: "Trop de demandes : réessayez dans un instant.",
  502: "Un service a répondu de façon inattendue. Veuillez réessayer plus tard.",
  503: "Le service est momentanément indisponible. Veuillez réessayer plus tard.",
  504: "Le service met trop de temps à répondre. Veuillez réessayer plus tard.",
};

function problemText(problem: unknown): string | undefined {
  const text = field(problem, "detail");
  return typeof text === "string" && text.trim() !== "" ? text : undefined;
}

/**
 * Returns the body of a successful openapi-fetch call, or throws an ApiError
 * carrying the problem. Use it in react-query `queryFn`/`mutationFn`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new ApiError(result.response.status, result.error);
  return result.data as T;
}

/** A French message suitable for an error alert, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Le service est momentanément indisponible. Veuillez réessayer plus tard.";
}

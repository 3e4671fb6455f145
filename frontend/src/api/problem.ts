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
    super(problemText(problem) ?? `Erreur ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
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

function problemText(problem: unknown): string | undefined {
  for (const key of ["detail", "title"]) {
    const text = field(problem, key);
    if (typeof text === "string" && text.trim() !== "") return text;
  }
  return undefined;
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

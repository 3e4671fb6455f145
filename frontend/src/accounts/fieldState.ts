import { ApiError } from "../api/problem";

/** The DSFR state of a field from the service's field errors (`errors[].field`). */
export function fieldState(error: unknown, field: string) {
  const message =
    error instanceof ApiError ? error.fieldErrors.find((e) => e.field === field)?.message : undefined;
  return message
    ? ({ state: "error", stateRelatedMessage: message } as const)
    : ({ state: "default" } as const);
}

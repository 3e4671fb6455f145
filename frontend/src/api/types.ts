/**
 * Convenience aliases over the generated contracts. Types are derived from the
 * operations (paths), never written by hand, so they follow the services'
 * OpenAPI documents whatever their schema names are.
 */
import type { paths as IdentityPaths } from "./generated/identity";
import type { paths as TargetingPaths } from "./generated/targeting";

type JsonOk<Op> = Op extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

export type LoginRequest = NonNullable<
  IdentityPaths["/auth/login"]["post"]["requestBody"]
>["content"]["application/json"];
export type TokenResponse = JsonOk<IdentityPaths["/auth/login"]["post"]>;
export type User = JsonOk<IdentityPaths["/auth/me"]["get"]>;
export type Role = User["role"];

export type CaissePage = JsonOk<TargetingPaths["/caisses"]["get"]>;
export type Caisse = CaissePage["items"][number];

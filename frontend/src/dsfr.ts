import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { Link } from "react-router-dom";

/** DSFR runtime, with react-router's Link used by every DSFR component's linkProps. */
export function startDsfr(): void {
  startReactDsfr({ defaultColorScheme: "system", Link });
}

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

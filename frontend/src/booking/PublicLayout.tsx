import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import type { ReactNode } from "react";
import { useLocation } from "react-router-dom";
import { ACCESSIBILITY_PATH } from "../layout/AccessibilityPage";

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

/**
 * Frame of the pages an insured person opens from a personal link: no account, no
 * application menu, the RSI and (once known) the caisse in the header.
 */
export function PublicLayout({ caisseName, children }: { caisseName?: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const homeLinkProps = { to: pathname, title: "Accueil - Régime Social des Indépendants" };
  return (
    <div style={{ minHeight: "100vh", display: "flex", flexDirection: "column" }}>
      <SkipLinks links={[{ label: "Contenu", anchor: "#contenu" }]} />
      <Header
        brandTop={brandTop}
        serviceTitle="Régime Social des Indépendants"
        serviceTagline={caisseName ?? "Votre caisse régionale"}
        homeLinkProps={homeLinkProps}
      />
      <main id="contenu" role="main" tabIndex={-1} style={{ flex: 1 }}>
        {children}
      </main>
      <Footer
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: ACCESSIBILITY_PATH }}
        contentDescription="Prise de rendez-vous avec un conseiller du Régime Social des Indépendants, depuis le lien personnel reçu par courrier, email ou SMS."
      />
    </div>
  );
}

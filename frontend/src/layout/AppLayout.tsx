import { Display, headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import type { MainNavigationProps } from "@codegouvfr/react-dsfr/MainNavigation";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Outlet, useLocation } from "react-router-dom";
import type { Role } from "../api/types";
import { hasFeature, roleLabel, type Feature } from "../auth/roles";
import { useSession, type Session } from "../auth/session";
import { useLogout } from "../auth/useLogout";
import { ACCESSIBILITY_PATH } from "./AccessibilityPage";

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);
const homeLinkProps = { to: "/", title: "Accueil - Politique de contact RSI" };

/** "Jeanne Martin — Conseiller, caisse ALP" */
export function userLabel(user: Session["user"]): string {
  const caisse = user.caisse_code ? `, caisse ${user.caisse_code}` : "";
  return `${user.full_name} — ${roleLabel(user.role)}${caisse}`;
}

type NavigationLink = { text: string; to: string; active: RegExp };
const NAVIGATION: (NavigationLink & { feature?: Feature; menu?: NavigationLink[] })[] = [
  { text: "Caisses", to: "/caisses", active: /^\/caisses/ },
  { text: "Assurés", to: "/assures", feature: "persons", active: /^\/assures/ },
  {
    text: "Politique de contact",
    to: "/politique",
    feature: "policy",
    active: /^\/(politique|actions|listes)/,
  },
  { text: "Agenda", to: "/agenda", feature: "agenda", active: /^\/(agenda|entretiens)/ },
  { text: "Campagnes", to: "/campagnes", feature: "campaigns", active: /^\/campagnes/ },
  { text: "Rencontres", to: "/rencontres", feature: "meetings", active: /^\/rencontres/ },
  {
    text: "Modèles de courrier",
    to: "/courriers/modeles",
    feature: "editLetterTemplates",
    active: /^\/courriers/,
  },
  { text: "Trame d’entretien", to: "/trame", feature: "editGuide", active: /^\/trame/ },
  {
    text: "Disponibilités",
    to: "/disponibilites",
    feature: "availability",
    active: /^\/disponibilites/,
  },
  { text: "Planification", to: "/planification", feature: "planning", active: /^\/planification/ },
  {
    text: "Enquêtes",
    to: "/enquetes/campagnes",
    feature: "surveys",
    active: /^\/enquetes/,
    menu: [
      { text: "Campagnes d’enquête", to: "/enquetes/campagnes", active: /^\/enquetes\/campagnes/ },
      { text: "Résultats", to: "/enquetes/resultats", active: /^\/enquetes\/resultats/ },
      {
        text: "Questionnaires",
        to: "/enquetes/questionnaires",
        active: /^\/enquetes\/questionnaires/,
      },
    ],
  },
  { text: "Import", to: "/imports", feature: "imports", active: /^\/imports/ },
  { text: "Bilan", to: "/bilan", feature: "ownBilan", active: /^\/bilans?(\/|$)/ },
  {
    text: "Bilan national",
    to: "/bilan-national",
    feature: "nationalBilan",
    active: /^\/bilan-national/,
  },
  { text: "Comptes", to: "/comptes", feature: "manageAccounts", active: /^\/comptes/ },
  {
    text: "Clients machines",
    to: "/clients-machines",
    feature: "machineClients",
    active: /^\/clients-machines/,
  },
];

type MainNavigationItem = MainNavigationProps.Item;

/** The header's menu: the screens the role may use, the current one marked. */
export function mainNavigation(role: Role, pathname: string): MainNavigationItem[] {
  const link = (item: NavigationLink) => ({
    text: item.text,
    linkProps: { to: item.to },
    isActive: item.active.test(pathname),
  });
  return NAVIGATION.filter((item) => !item.feature || hasFeature(role, item.feature)).map(
    (item) =>
      item.menu
        ? { text: item.text, isActive: item.active.test(pathname), menuLinks: item.menu.map(link) }
        : link(item),
  );
}

/** Page frame shared by every screen: DSFR header, main content, footer. */
export function AppLayout() {
  const session = useSession();
  const logout = useLogout();
  const { pathname } = useLocation();

  const quickAccessItems: HeaderProps["quickAccessItems"] = session
    ? [
        <span key="user" className="fr-btn fr-icon-account-circle-line">
          {userLabel(session.user)}
        </span>,
        { iconId: "fr-icon-lock-line", text: "Mot de passe", linkProps: { to: "/mot-de-passe" } },
        {
          iconId: "fr-icon-logout-box-r-line",
          text: "Se déconnecter",
          buttonProps: { type: "button", onClick: logout },
        },
      ]
    : [];

  const navigation = session ? mainNavigation(session.user.role, pathname) : undefined;

  return (
    <div style={{ minHeight: "100vh", display: "flex", flexDirection: "column" }}>
      <SkipLinks
        links={[
          { label: "Contenu", anchor: "#contenu" },
          { label: "Pied de page", anchor: "#footer" },
        ]}
      />
      <Header
        brandTop={brandTop}
        serviceTitle="Politique de contact RSI"
        serviceTagline="Régime social des indépendants"
        homeLinkProps={homeLinkProps}
        quickAccessItems={quickAccessItems}
        navigation={navigation}
      />
      <main id="contenu" role="main" tabIndex={-1} style={{ flex: 1 }}>
        <Outlet />
      </main>
      <Footer
        id="footer"
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="partially compliant"
        accessibilityLinkProps={{ to: ACCESSIBILITY_PATH }}
        contentDescription="Plateforme de pilotage de la politique de contact des ressortissants du Régime social des indépendants : ciblage, entretiens, enquêtes de satisfaction et bilans."
        bottomItems={[headerFooterDisplayItem]}
      />
      <Display />
    </div>
  );
}

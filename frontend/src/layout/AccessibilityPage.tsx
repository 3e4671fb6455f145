import { usePageTitle } from "./usePageTitle";

export const ACCESSIBILITY_PATH = "/accessibilite";

/**
 * The accessibility statement (« Déclaration d'accessibilité ») French public services must
 * publish (article 47 of loi 2005-102, RGAA 4.1). Its content follows the DINUM model.
 */
export function AccessibilityPage() {
  usePageTitle("Déclaration d’accessibilité");
  return (
    <div className="fr-container fr-py-4w">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        Le Régime social des indépendants s’engage à rendre ses services numériques accessibles, conformément à
        l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d’accessibilité s’applique à la plateforme « Politique de contact RSI » : l’espace des
        conseillers, des responsables de caisse et de la Caisse nationale, la page publique de prise de rendez-vous et le
        questionnaire de satisfaction.
      </p>

      <h2>État de conformité</h2>
      <p>
        La plateforme est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Chaque parcours de bout en bout (connexion, ciblage, courriers, agenda, prise de rendez-vous, enquête, bilans) est
        vérifié automatiquement avec axe-core à chaque intégration : aucune erreur grave ou critique n’est tolérée sur les
        pages visitées. Le parcours de prise de rendez-vous est aussi vérifié au clavier seul. Aucun audit complet par un
        organisme indépendant n’a encore été réalisé.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités connues</h3>
      <ul>
        <li>Les graphiques des bilans sont doublés d’un tableau de données ; leurs couleurs n’ont pas été auditées.</li>
        <li>Les courriers PDF générés ne sont pas balisés (PDF non structurés).</li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>Les fichiers d’export (CSV) destinés à un tableur.</p>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 4 décembre 2026, à partir des tests automatisés décrits ci-dessus.</p>
      <h3>Technologies utilisées</h3>
      <ul>
        <li>HTML5, CSS, JavaScript (React)</li>
        <li>Système de design de l’État (DSFR)</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>Chromium (dernière version stable) sur Linux, lecteur d’écran non testé.</p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez votre caisse régionale pour être orienté
        vers une alternative accessible ou obtenir le contenu sous une autre forme.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services et que
        vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/" target="_blank" rel="noreferrer">
            Défenseur des droits (nouvelle fenêtre)
          </a>
          ;
        </li>
        <li>contacter le délégué du Défenseur des droits dans votre région ;</li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse
          71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </div>
  );
}

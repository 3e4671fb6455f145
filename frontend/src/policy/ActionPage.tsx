import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { PolicyAction } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession, type Session } from "../auth/session";
import { DescriptionList } from "../components/DescriptionList";
import { CONTACT_TYPE_LABELS, formatNumber, formatPeriod, label, plural } from "../format";
import { useAction } from "../hooks/queries/policy";
import { usePageTitle } from "../layout/usePageTitle";
import { MaterialiseForm } from "../targetLists/MaterialiseForm";
import { TargetListsTable } from "../targetLists/TargetListsTable";
import { describeFilter } from "./targetForm";
import { TargetEditor } from "./TargetEditor";

/** National actions belong to the national office, regional ones to their caisse. */
export function canEditAction(user: Session["user"] | undefined, action: PolicyAction): boolean {
  if (!user) return false;
  if (user.role === "admin") return true;
  if (user.role === "national") return action.national;
  return user.role === "caisse_manager" && !action.national && action.caisse_code === user.caisse_code;
}

function SavedTarget({ action }: { action: PolicyAction }) {
  const definition = action.target_definition as { filter?: unknown; priorities?: unknown };
  const criteria = describeFilter(definition.filter);
  const priorities = Array.isArray(definition.priorities)
    ? (definition.priorities as { label?: string; criteria?: unknown }[])
    : [];
  return (
    <>
      <h3 className="fr-h6 fr-mb-1w">Critères</h3>
      {criteria.length === 0 ? (
        <p>Toute la population de la caisse.</p>
      ) : (
        <ul>
          {criteria.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <h3 className="fr-h6 fr-mb-1w">Ordre de priorité</h3>
      <ol>
        {priorities.map((group, i) => {
          const criteria = describeFilter(group.criteria).join(" ; ");
          return (
            <li key={i}>
              {group.label}
              {criteria && criteria !== group.label ? ` — ${criteria}` : ""}
            </li>
          );
        })}
        <li>Autres</li>
      </ol>
    </>
  );
}

export function ActionPage() {
  const { id = "" } = useParams();
  const actionId = /^\d+$/.test(id) ? Number(id) : NaN;
  const action = useAction(Number.isSafeInteger(actionId) ? actionId : undefined);
  const session = useSession();
  const role = session?.user.role;
  const data = action.data;
  usePageTitle(data ? data.title : "Action de contact");

  const notFound =
    !Number.isSafeInteger(actionId) || (action.error instanceof ApiError && action.error.status === 404);

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[
          {
            label: `Politique de contact${data ? ` ${data.year}` : ""}`,
            linkProps: { to: data ? `/politique/${data.year}` : "/politique" },
          },
        ]}
        currentPageLabel={data?.title ?? "Action"}
      />
      {notFound ? (
        <>
          <h1>Action de contact</h1>
          <Alert
            severity="error"
            title="Action introuvable"
            description="Cette action n’existe pas ou n’est pas visible avec votre compte."
          />
        </>
      ) : action.isError ? (
        <>
          <h1>Action de contact</h1>
          <Alert
            severity="error"
            title="Impossible d’afficher l’action"
            description={errorMessage(action.error)}
          />
        </>
      ) : !data ? (
        <>
          <h1>Action de contact</h1>
          <p role="status">Chargement de l’action…</p>
        </>
      ) : (
        <>
          <h1>{data.title}</h1>
          <ul className="fr-badges-group fr-mb-3w">
            <li>
              <Badge as="span" severity="info" noIcon>
                {label(CONTACT_TYPE_LABELS, data.contact_type)}
              </Badge>
            </li>
            <li>
              <Badge as="span" noIcon>
                {data.national ? "Socle national" : `Action régionale — ${data.caisse_code}`}
              </Badge>
            </li>
          </ul>
          <section aria-labelledby="description" className="fr-mb-6w">
            <h2 id="description">Description</h2>
            <DescriptionList
              items={[
                ["Code", data.code],
                ["Type de contact", label(CONTACT_TYPE_LABELS, data.contact_type)],
                ["Calendrier", formatPeriod(data.calendar_start, data.calendar_end)],
                ["Cible", data.target_description],
                ["Objectif spécifique", data.specific_objective],
                ["Contenu", data.content],
                ["Modalités", data.modalities],
                ["Outils", data.tools],
                ...(data.interview_minutes
                  ? ([["Durée d’un entretien", `${data.interview_minutes} minutes`]] as [string, string][])
                  : []),
                ...(data.contact_type === "individual_interview"
                  ? ([
                      ["Validité du lien de rendez-vous", plural(data.booking_link_days, "jour")],
                      [
                        "Modification en ligne",
                        `jusqu’à ${formatNumber(data.change_notice_hours)} heures avant l’entretien`,
                      ],
                      [
                        "Relance",
                        data.reminder_after_days === null
                          ? "Pas de relance"
                          : `après ${plural(data.reminder_after_days, "jour")} sans rendez-vous`,
                      ],
                    ] as [string, string][])
                  : []),
                [
                  "Délai sans nouveau contact",
                  data.recency_window_days > 0
                    ? plural(data.recency_window_days, "jour")
                    : "Aucun (les personnes déjà contactées restent ciblées)",
                ],
              ]}
            />
            <h2 className="fr-h4">Cible enregistrée</h2>
            <SavedTarget action={data} />
          </section>
          {hasFeature(role, "volumetry") && (
            <TargetEditor action={data} canSave={canEditAction(session?.user, data)} />
          )}
          {hasFeature(role, "buildLists") && <MaterialiseForm action={data} />}
          <TargetListsTable actionId={data.id} />
        </>
      )}
    </div>
  );
}

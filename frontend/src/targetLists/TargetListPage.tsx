import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { TargetList } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { DownloadButton } from "../components/DownloadButton";
import { JobProgress } from "../components/JobProgress";
import { formatDateTime, formatNumber, plural } from "../format";
import { isFinished, useJob } from "../hooks/queries/jobs";
import { useAction } from "../hooks/queries/policy";
import { fetchListExport, targetsKeys, useTargetList } from "../hooks/queries/targets";
import { usePageTitle } from "../layout/usePageTitle";
import { LetterContactsForm } from "./LetterContactsForm";
import { MembersTable } from "./MembersTable";
import { ListStatusBadge, samplingText } from "./TargetListsTable";

function Counts({ list }: { list: TargetList }) {
  const tiles: [string, number, string][] = [
    ["Ciblés", list.matched, "Personnes qui répondent à la cible"],
    ["Exclus (opposition)", list.excluded_opt_out, "Opposés au contact"],
    ["Exclus (contact récent)", list.excluded_recent_contact, `Contactés depuis moins de ${plural(list.recency_window_days, "jour")}`],
    ["Taille de la liste", list.size, samplingText(list.sampling)],
  ];
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w" aria-label="Décompte de la liste">
      {tiles.map(([title, value, hint]) => (
        <li key={title} className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
          <div className="fr-p-3w" style={{ background: "var(--background-alt-blue-france)", height: "100%" }}>
            <p className="fr-text--sm fr-mb-1v">{title}</p>
            <p className="fr-h3 fr-mb-1v">{formatNumber(value)}</p>
            <p className="fr-text--xs fr-mb-0">{hint}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Building({ list }: { list: TargetList }) {
  const queryClient = useQueryClient();
  const job = useJob(list.job_id);
  const finished = isFinished(job.data);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: targetsKeys.list(list.id) });
  }, [finished, list.id, queryClient]);
  return job.data ? (
    <JobProgress
      job={job.data}
      title="Constitution de la liste"
      unit="personnes"
      failureTitle="La constitution de la liste a échoué"
    />
  ) : (
    <p role="status">Constitution de la liste en cours…</p>
  );
}

/** A frozen target list: its counts, its members by rank (not for the national office), CSV. */
export function TargetListPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const list = useTargetList(id);
  const action = useAction(list.data?.action_id);
  const data = list.data;
  usePageTitle(data ? `Liste de ciblage ${data.caisse_code}` : "Liste de ciblage");
  const membersVisible = hasFeature(session?.user.role, "listMembers");
  const campaignsVisible = hasFeature(session?.user.role, "campaigns");

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={
          action.data
            ? [
                {
                  label: `Politique de contact ${action.data.year}`,
                  linkProps: { to: `/politique/${action.data.year}` },
                },
                { label: action.data.title, linkProps: { to: `/actions/${action.data.id}` } },
              ]
            : []
        }
        currentPageLabel="Liste de ciblage"
      />
      <h1>Liste de ciblage{data ? ` — ${data.caisse_code}` : ""}</h1>
      {list.isPending && <p role="status">Chargement de la liste…</p>}
      {list.isError && (
        <Alert
          severity="error"
          title={
            list.error instanceof ApiError && [404, 422].includes(list.error.status)
              ? "Liste introuvable"
              : "Impossible d’afficher la liste"
          }
          description={
            list.error instanceof ApiError && [404, 422].includes(list.error.status)
              ? "Cette liste n’existe pas ou n’est pas visible avec votre compte."
              : errorMessage(list.error)
          }
        />
      )}
      {data && (
        <>
          <p>
            {action.data ? (
              <>
                Action : <strong>{action.data.title}</strong>.{" "}
              </>
            ) : null}
            Constituée le {formatDateTime(data.created_at)} par {data.created_by.replace(/^user:/, "")}.{" "}
            <ListStatusBadge status={data.status} />
          </p>
          {data.status === "building" && <Building list={data} />}
          {data.status === "failed" && (
            <Alert
              severity="error"
              title="La constitution de la liste a échoué"
              description="Constituez une nouvelle liste depuis la page de l’action."
            />
          )}
          {data.status === "ready" && (
            <>
              <Counts list={data} />
              {membersVisible ? (
                <>
                  <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-mb-3w">
                    <DownloadButton
                      label="Exporter (CSV)"
                      fetchFile={() => fetchListExport(data.id, "csv")}
                    />
                    <DownloadButton
                      label="Exporter (Excel)"
                      fetchFile={() => fetchListExport(data.id, "xlsx")}
                    />
                    {campaignsVisible && (
                      <Button
                        iconId="fr-icon-mail-line"
                        linkProps={{ to: `/listes/${data.id}/courriers` }}
                      >
                        Lancer un envoi de courriers
                      </Button>
                    )}
                  </div>
                  {campaignsVisible && action.data?.contact_type === "letter" && (
                    <LetterContactsForm list={data} />
                  )}
                  <MembersTable list={data} />
                </>
              ) : (
                <Notice
                  title="Les personnes de la liste ne sont visibles que par les caisses régionales : la Caisse nationale ne voit que les décomptes."
                />
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}

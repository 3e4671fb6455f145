import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Link, useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { FollowUpQuery, FollowUpTask } from "../api/types";
import { useCounselorChoice } from "../agenda/AgendaPage";
import { formatDate } from "../format";
import { useFollowUps, useUpdateFollowUp } from "../hooks/queries/followups";
import { usePageTitle } from "../layout/usePageTitle";
import { FOLLOW_UP_LABELS } from "./labels";

type State = NonNullable<FollowUpQuery["state"]>;
const STATES: Record<State, string> = { open: "À faire", done: "Faits", all: "Tous" };
const ALL_COUNSELORS = "tous";

function personName(task: FollowUpTask): string {
  const name = [task.person_first_name, task.person_last_name].filter(Boolean).join(" ");
  return name || `Assuré n° ${task.person_id}`;
}

function FollowUpRow({ task }: { task: FollowUpTask }) {
  const update = useUpdateFollowUp();
  const who = personName(task);
  return (
    <tr>
      <td>
        <Link to={`/assures/${task.person_id}`}>{who}</Link>
      </td>
      <td>{FOLLOW_UP_LABELS[task.kind]}</td>
      <td>
        {formatDate(task.due_on)}
        {task.overdue && (
          <>
            {" "}
            <Badge severity="error" small>
              En retard
            </Badge>
          </>
        )}
      </td>
      <td>
        <Link to={`/entretiens/${task.interview_id}`}>Voir l’entretien</Link>
      </td>
      <td>
        {task.done_at ? (
          <>
            Fait le {formatDate(task.done_at)}{" "}
            <Button
              type="button"
              size="small"
              priority="tertiary"
              disabled={update.isPending}
              onClick={() => update.mutate({ id: task.id, change: { done: false } })}
              nativeButtonProps={{ "aria-label": `Rouvrir : ${FOLLOW_UP_LABELS[task.kind]}, ${who}` }}
            >
              Rouvrir
            </Button>
          </>
        ) : (
          <Button
            type="button"
            size="small"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: task.id, change: { done: true } })}
            nativeButtonProps={{ "aria-label": `Marquer comme fait : ${FOLLOW_UP_LABELS[task.kind]}, ${who}` }}
          >
            Marquer comme fait
          </Button>
        )}
        {update.isError && <p className="fr-error-text">{errorMessage(update.error)}</p>}
      </td>
    </tr>
  );
}

/** What interviews promised: a counselor's own list, or the caisse's for a manager. */
export function FollowUpsPage() {
  usePageTitle("Suivis à faire");
  const [params, setParams] = useSearchParams();
  const state = (params.get("etat") as State | null) ?? "open";
  const requested = params.get("conseiller");
  const { counselors, list, current, isCounselor } = useCounselorChoice(Number(requested) || null);
  const counselorId = isCounselor ? current?.id : requested === ALL_COUNSELORS || !requested ? undefined : current?.id;
  const ready = counselors.isSuccess && (!isCounselor || current !== undefined);
  const query: FollowUpQuery = { state, limit: 200, ...(counselorId !== undefined ? { counselor_id: counselorId } : {}) };
  // A counselor's list is asked for once their counselor id is known (never the caisse's).
  const followUps = useFollowUps(query, ready);
  const items = followUps.data?.items ?? [];

  function setParam(key: string, value: string) {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  }

  return (
    <div className="fr-container fr-py-4w">
      <h1>Suivis à faire</h1>
      <p>Les suites promises lors des entretiens : reconstitution de carrière, demande de RIS, orientations…</p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {!isCounselor && list.length > 0 && (
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Conseiller"
              nativeSelectProps={{
                value: requested && requested !== ALL_COUNSELORS && current ? String(current.id) : ALL_COUNSELORS,
                onChange: (e) => setParam("conseiller", e.target.value),
              }}
            >
              <option value={ALL_COUNSELORS}>Tous les conseillers de la caisse</option>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.full_name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Afficher" nativeSelectProps={{ value: state, onChange: (e) => setParam("etat", e.target.value) }}>
            {(Object.keys(STATES) as State[]).map((s) => (
              <option key={s} value={s}>
                {STATES[s]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {(counselors.isPending || (ready && followUps.isPending)) && <p role="status">Chargement des suivis…</p>}
      {followUps.isError && <Alert severity="error" title="Suivis indisponibles" description={errorMessage(followUps.error)} />}
      {followUps.isSuccess && items.length === 0 && <p>Aucun suivi dans cette liste.</p>}
      {items.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>
              {followUps.data!.total === 1 ? "1 suivi" : `${followUps.data!.total} suivis`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Assuré</th>
                <th scope="col">Suivi</th>
                <th scope="col">Échéance</th>
                <th scope="col">Entretien</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {items.map((task) => (
                <FollowUpRow key={task.id} task={task} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

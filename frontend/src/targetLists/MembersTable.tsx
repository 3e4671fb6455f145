import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import type { TargetList, TargetListMember } from "../api/types";
import { GROUP_LABELS, STATUS_LABELS, formatNumber, formatShortDate, label } from "../format";
import { MEMBERS_PAGE_SIZE, useListMembers, usePrefetchMembers } from "../hooks/queries/targets";

function priorityLabels(list: TargetList): string[] {
  const priorities = (list.definition as { priorities?: { label?: string }[] }).priorities ?? [];
  return [...priorities.map((p, i) => p.label || `Groupe ${i + 1}`), "Autres"];
}

function memberRow(member: TargetListMember, labels: string[], list: TargetList, canBook: boolean) {
  const booking = canBook
    ? [
        <Link
          key="book"
          className="fr-btn fr-btn--sm fr-btn--secondary"
          to={`/assures/${member.person_id}/rendez-vous?action=${list.action_id}`}
        >
          Prendre rendez-vous
          <span className="fr-sr-only">
            {" "}
            pour {member.first_name} {member.last_name.toUpperCase()}
          </span>
        </Link>,
      ]
    : [];
  return [
    String(member.rank),
    `${member.priority_group}. ${labels[member.priority_group - 1] ?? "Autres"}`,
    <Link key="name" to={`/assures/${member.person_id}`}>
      {member.last_name.toUpperCase()} {member.first_name}
    </Link>,
    formatShortDate(member.birth_date),
    [member.postcode, member.city].filter(Boolean).join(" ") || "—",
    member.phone ?? "—",
    member.email ?? "—",
    label(GROUP_LABELS, member.professional_group),
    label(STATUS_LABELS, member.status),
    member.incomplete_career ? (
      <Badge key="career" as="span" small severity="warning" noIcon>
        Carrière incomplète
      </Badge>
    ) : (
      "Complète"
    ),
    ...booking,
  ];
}

/**
 * The members of a list, one keyset page (200 ranks) at a time: whatever the list's size
 * (100,000 people and more), at most one page of rows is in the DOM. The next page is
 * fetched ahead; "Aller au rang" jumps anywhere (ranks run from 1 to the list's size).
 */
export function MembersTable({ list }: { list: TargetList }) {
  const canBook = hasFeature(useSession()?.user.role, "booking");
  const [afterRank, setAfterRank] = useState(0);
  const [history, setHistory] = useState<number[]>([]);
  const [rankInput, setRankInput] = useState("");
  const [rankError, setRankError] = useState<string | null>(null);
  const members = useListMembers(list.id, afterRank, true);
  const prefetch = usePrefetchMembers();
  const next = members.data?.next_after_rank ?? null;
  const labels = priorityLabels(list);

  useEffect(() => {
    if (next !== null && !members.isPlaceholderData) void prefetch(list.id, next);
  }, [next, members.isPlaceholderData, list.id, prefetch]);

  function goTo(after: number, remember = true) {
    if (remember) setHistory((h) => [...h, afterRank]);
    setAfterRank(after);
  }

  function previous() {
    const back = history.at(-1) ?? Math.max(0, afterRank - MEMBERS_PAGE_SIZE);
    setHistory((h) => h.slice(0, -1));
    setAfterRank(back);
  }

  function jump(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const rank = Number(rankInput);
    if (!/^\d+$/.test(rankInput.trim()) || rank < 1 || rank > Math.max(1, list.size)) {
      setRankError(`Indiquez un rang entre 1 et ${formatNumber(Math.max(1, list.size))}.`);
      return;
    }
    setRankError(null);
    goTo(rank - 1);
  }

  const items = members.data?.items ?? [];
  const first = items[0]?.rank;
  const last = items.at(-1)?.rank;
  const range =
    first !== undefined && last !== undefined
      ? `Rangs ${formatNumber(first)} à ${formatNumber(last)} sur ${formatNumber(list.size)}`
      : "";

  const pager = (where: string) => (
    <nav aria-label={`Pages de la liste (${where})`} className="fr-my-2w">
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-left-s-line"
            disabled={afterRank === 0 || members.isFetching}
            onClick={previous}
          >
            Page précédente
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-right-s-line"
            iconPosition="right"
            disabled={next === null || members.isFetching}
            onClick={() => next !== null && goTo(next)}
          >
            Page suivante
          </Button>
        </li>
      </ul>
    </nav>
  );

  return (
    <section aria-labelledby="membres">
      <h2 id="membres">Personnes de la liste</h2>
      <form
        onSubmit={jump}
        className="fr-mb-2w"
        style={{ display: "flex", flexWrap: "wrap", alignItems: "flex-start", gap: "0 1rem" }}
        aria-label="Aller à un rang"
        noValidate
      >
        <div style={{ minWidth: "12rem" }}>
          <Input
            label="Aller au rang"
            hintText={`De 1 à ${formatNumber(Math.max(1, list.size))}`}
            state={rankError ? "error" : "default"}
            stateRelatedMessage={rankError ?? undefined}
            nativeInputProps={{
              inputMode: "numeric",
              value: rankInput,
              onChange: (e) => setRankInput(e.target.value),
            }}
          />
        </div>
        <div style={{ paddingTop: "3.25rem" }}>
          <Button type="submit" priority="secondary">
            Afficher
          </Button>
        </div>
      </form>
      <p role="status" aria-live="polite">
        {members.isFetching && !members.isPending ? "Chargement…" : range}
      </p>
      {members.isPending && <p>Chargement des personnes…</p>}
      {members.isError && (
        <Alert
          severity="error"
          title="Impossible d’afficher les personnes"
          description={errorMessage(members.error)}
        />
      )}
      {members.data && (
        <>
          {pager("haut")}
          {items.length === 0 ? (
            <p>Aucune personne à ce rang.</p>
          ) : (
            <Table
              className="fr-table--sm"
              caption={`Personnes de la liste, ${range.toLowerCase()}`}
              noCaption
              headers={[
                "Rang",
                "Priorité",
                "Nom",
                "Date de naissance",
                "Commune",
                "Téléphone",
                "Courriel",
                "Groupe professionnel",
                "Statut",
                "Carrière",
                ...(canBook ? ["Rendez-vous"] : []),
              ]}
              data={items.map((m) => memberRow(m, labels, list, canBook))}
            />
          )}
          {pager("bas")}
        </>
      )}
    </section>
  );
}

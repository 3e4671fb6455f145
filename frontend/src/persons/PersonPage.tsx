import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";
import { useEffect, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { ApiError, errorMessage } from "../api/problem";
import type { PersonFile } from "../api/types";
import { DescriptionList } from "../components/DescriptionList";
import {
  GROUP_LABELS,
  SEX_LABELS,
  STATUS_LABELS,
  formatDate,
  formatNir,
  label,
  yesNo,
} from "../format";
import { usePerson, useSetOpposition } from "../hooks/queries/persons";
import { ContactHistory } from "./ContactHistory";
import { usePageTitle } from "../layout/usePageTitle";

function orDash(value: string | null | undefined): string {
  return value && value.trim() !== "" ? value : "—";
}

function PersonDetails({ person }: { person: PersonFile }) {
  return (
    <>
      <h2 className="fr-h4">Identité</h2>
      <DescriptionList
        items={[
          ["NIR", <span key="nir" style={{ fontVariantNumeric: "tabular-nums" }}>{formatNir(person.nir)}</span>],
          ["Nom", person.last_name],
          ["Prénom", person.first_name],
          ["Sexe", label(SEX_LABELS, person.sex)],
          ["Date de naissance", formatDate(person.birth_date)],
        ]}
      />
      <h2 className="fr-h4">Coordonnées</h2>
      <DescriptionList
        items={[
          ["Adresse", orDash(person.address_line)],
          ["Code postal", orDash(person.postcode)],
          ["Commune", orDash(person.city)],
          ["Téléphone", orDash(person.phone)],
          ["Courriel", orDash(person.email)],
        ]}
      />
      <h2 className="fr-h4">Situation professionnelle</h2>
      <DescriptionList
        items={[
          ["Caisse", person.caisse_code],
          ["Groupe professionnel", label(GROUP_LABELS, person.professional_group)],
          ["Statut", label(STATUS_LABELS, person.status)],
          ["Code d’activité (NAF)", orDash(person.activity_code)],
          ["Catégorie professionnelle", orDash(person.professional_category)],
          ["Auto-entrepreneur", yesNo(person.auto_entrepreneur)],
          ["Création de l’entreprise", formatDate(person.business_created_on)],
          ["Affiliation", formatDate(person.affiliated_on)],
          ["Conjoint collaborateur", yesNo(person.conjoint_collaborateur)],
          ["Travailleur frontalier", yesNo(person.cross_border)],
        ]}
      />
      <h2 className="fr-h4">Carrière</h2>
      <DescriptionList
        items={[
          ["Trimestres validés", String(person.validated_quarters)],
          ["Trimestres requis", String(person.required_quarters)],
          ["Carrière complète", yesNo(!person.incomplete_career)],
        ]}
      />
    </>
  );
}

/** The opposition switch: nothing is saved until the counselor confirms. */
function Opposition({ person }: { person: PersonFile }) {
  const setOpposition = useSetOpposition(person.id);
  const [pending, setPending] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (pending !== null) confirmRef.current?.focus();
  }, [pending]);

  function confirm() {
    if (pending === null) return;
    const value = pending;
    setOpposition.mutate(value, {
      onSuccess: () => {
        setPending(null);
        setSaved(value);
      },
    });
  }

  return (
    <section aria-labelledby="opposition" className="fr-mb-4w">
      <h2 id="opposition" className="fr-h4">
        Opposition au contact
      </h2>
      <ToggleSwitch
        label="La personne s’oppose à être contactée"
        helperText="Une personne opposée est exclue de toutes les listes de ciblage."
        checked={person.contact_opt_out}
        disabled={pending !== null || setOpposition.isPending}
        onChange={(checked) => {
          setSaved(null);
          setOpposition.reset();
          setPending(checked);
        }}
        inputTitle="Opposition au contact"
      />
      {pending !== null && (
        <div
          role="group"
          aria-labelledby="opposition-confirmation"
          className="fr-p-3w fr-mt-2w"
          style={{ border: "1px solid var(--border-default-grey)" }}
        >
          <h3 id="opposition-confirmation" ref={confirmRef} tabIndex={-1} className="fr-h6">
            {pending ? "Enregistrer l’opposition au contact ?" : "Lever l’opposition au contact ?"}
          </h3>
          <p>
            {pending
              ? `${person.first_name} ${person.last_name} ne sera plus retenu(e) dans les listes de ciblage.`
              : `${person.first_name} ${person.last_name} pourra de nouveau être retenu(e) dans les listes de ciblage.`}
          </p>
          {setOpposition.isError && (
            <Alert
              className="fr-mb-2w"
              small
              severity="error"
              description={`L’enregistrement a échoué : ${errorMessage(setOpposition.error)}`}
            />
          )}
          <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
            <Button onClick={confirm} disabled={setOpposition.isPending}>
              Confirmer
            </Button>
            <Button
              priority="secondary"
              onClick={() => {
                setPending(null);
                setOpposition.reset();
              }}
              disabled={setOpposition.isPending}
            >
              Annuler
            </Button>
          </div>
        </div>
      )}
      {saved !== null && (
        <Alert
          className="fr-mt-2w"
          small
          role="status"
          severity="success"
          description={saved ? "L’opposition au contact est enregistrée." : "L’opposition au contact est levée."}
        />
      )}
    </section>
  );
}

export function PersonPage() {
  const { id = "" } = useParams();
  const personId = /^\d+$/.test(id) ? Number(id) : NaN;
  const person = usePerson(personId);
  const data = person.data;
  const canBook = hasFeature(useSession()?.user.role, "booking");
  usePageTitle(data ? `${data.first_name} ${data.last_name}` : "Dossier d’un assuré");

  let failure: { title: string; text: string } | null = null;
  if (!Number.isSafeInteger(personId)) {
    failure = { title: "Dossier introuvable", text: "Cette adresse ne correspond à aucun dossier." };
  } else if (person.error instanceof ApiError && person.error.status === 404) {
    failure = {
      title: "Dossier introuvable",
      text: "Cet assuré n’existe pas ou ne relève pas de votre caisse.",
    };
  } else if (person.isError) {
    failure = { title: "Impossible d’afficher le dossier", text: errorMessage(person.error) };
  }

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Assurés", linkProps: { to: "/assures" } }]}
        currentPageLabel={data ? `${data.first_name} ${data.last_name}` : "Dossier"}
      />
      {failure ? (
        <>
          <h1>Dossier d’un assuré</h1>
          <Alert severity="error" title={failure.title} description={failure.text} />
        </>
      ) : !data ? (
        <>
          <h1>Dossier d’un assuré</h1>
          <p role="status">Chargement du dossier…</p>
        </>
      ) : (
        <>
          <h1>
            {data.first_name} {data.last_name}
          </h1>
          <ul className="fr-badges-group fr-mb-3w" aria-label="Situation">
            <li>
              <Badge as="span" severity={data.status === "active" ? "info" : undefined}>
                {label(STATUS_LABELS, data.status)}
              </Badge>
            </li>
            {data.incomplete_career && (
              <li>
                <Badge as="span" severity="warning">
                  Carrière incomplète
                </Badge>
              </li>
            )}
            {data.contact_opt_out && (
              <li>
                <Badge as="span" severity="error">
                  Opposé au contact
                </Badge>
              </li>
            )}
          </ul>
          {canBook && (
            <Button
              className="fr-mb-3w"
              iconId="fr-icon-calendar-line"
              linkProps={{ to: `/assures/${data.id}/rendez-vous` }}
            >
              Prendre rendez-vous
            </Button>
          )}
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-lg-8">
              <PersonDetails person={data} />
            </div>
            <div className="fr-col-12 fr-col-lg-4">
              <section aria-labelledby="contacts" className="fr-mb-4w">
                <h2 id="contacts" className="fr-h4">
                  Contacts
                </h2>
                <DescriptionList items={[["Dernier contact", formatDate(data.last_contacted_on)]]} />
              </section>
              <Opposition person={data} />
            </div>
          </div>
          <ContactHistory personId={data.id} />
        </>
      )}
    </div>
  );
}

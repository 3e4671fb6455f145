import { Button } from "@codegouvfr/react-dsfr/Button";
import { addDays, mondayOf, today, weekLabel } from "./time";

/** Previous / next / current week buttons and the week shown (announced when it changes). */
export function WeekNavigation({
  monday,
  onChange,
  label = "Semaines",
}: {
  monday: string;
  onChange: (monday: string) => void;
  label?: string;
}) {
  return (
    <nav aria-label={label} className="fr-mb-2w">
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-left-s-line"
            onClick={() => onChange(addDays(monday, -7))}
          >
            Semaine précédente
          </Button>
        </li>
        <li>
          <Button priority="tertiary" onClick={() => onChange(mondayOf(today()))}>
            Aujourd’hui
          </Button>
        </li>
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-right-s-line"
            iconPosition="right"
            onClick={() => onChange(addDays(monday, 7))}
          >
            Semaine suivante
          </Button>
        </li>
      </ul>
      <p className="fr-text--lead fr-mb-0" aria-live="polite">
        {weekLabel(monday)}
      </p>
    </nav>
  );
}

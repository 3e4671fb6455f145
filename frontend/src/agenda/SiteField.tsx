import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ReactNode } from "react";
import { useSites } from "../hooks/queries/interviews";

/**
 * The reception site: a list when the service tells the caisse's sites, else its number
 * (the interviews service has no site listing yet in its contract).
 */
export function SiteField({
  value,
  onChange,
  label = "Site d’accueil",
  disabled,
}: {
  value: number | null;
  onChange: (siteId: number | null) => void;
  label?: ReactNode;
  disabled?: boolean;
}) {
  const sites = useSites();
  const list = sites.data ?? [];
  if (list.length > 0) {
    return (
      <Select
        label={label}
        disabled={disabled}
        nativeSelectProps={{
          value: value === null ? "" : String(value),
          onChange: (e) => onChange(e.target.value === "" ? null : Number(e.target.value)),
        }}
      >
        <option value="">Choisir un site</option>
        {list.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      label={label}
      hintText="Numéro du site"
      disabled={disabled}
      nativeInputProps={{
        inputMode: "numeric",
        value: value === null ? "" : String(value),
        onChange: (e) => {
          const text = e.target.value.trim();
          onChange(/^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null);
        },
      }}
    />
  );
}

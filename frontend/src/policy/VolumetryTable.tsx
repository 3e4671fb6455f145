import { Table } from "@codegouvfr/react-dsfr/Table";
import { memo } from "react";
import type { Volumetry } from "../api/types";
import { formatNumber } from "../format";

/** Counts per caisse: targeted, of whom opted out, and per priority group. */
export const VolumetryTable = memo(function VolumetryTable({
  volumetry,
  stale,
}: {
  volumetry: Volumetry;
  stale?: boolean;
}) {
  const rows = volumetry.by_caisse.map((count) => [
    count.caisse_code,
    formatNumber(count.matched),
    formatNumber(count.opted_out),
    ...volumetry.priority_labels.map((_, i) => formatNumber(count.by_priority[i] ?? 0)),
  ]);
  if (volumetry.by_caisse.length !== 1) {
    rows.push([
      "Total",
      formatNumber(volumetry.total_matched),
      formatNumber(volumetry.total_opted_out),
      ...volumetry.priority_labels.map((_, i) => formatNumber(volumetry.by_priority[i] ?? 0)),
    ]);
  }
  return (
    <div style={{ opacity: stale ? 0.6 : 1, transition: "opacity 0.2s" }} aria-busy={stale || undefined}>
      <Table
        className="fr-table--sm"
        caption="Volumétrie par caisse"
        headers={[
          "Caisse",
          "Ciblés",
          "dont opposés",
          ...volumetry.priority_labels.map((label, i) =>
            i === volumetry.priority_labels.length - 1 && label === "Autres"
              ? "Autres (hors priorités)"
              : `Priorité ${i + 1} : ${label}`,
          ),
        ]}
        data={rows}
      />
    </div>
  );
});

import type { ReactNode } from "react";

/** Term / value pairs, laid out as a two-column grid on wide screens. */
export function DescriptionList({ items }: { items: [term: string, value: ReactNode][] }) {
  return (
    <dl
      className="fr-mb-3w"
      style={{
        display: "grid",
        gridTemplateColumns: "minmax(12rem, max-content) 1fr",
        columnGap: "1.5rem",
        rowGap: "0.5rem",
      }}
    >
      {items.map(([term, value]) => (
        <div key={term} style={{ display: "contents" }}>
          <dt className="fr-text--bold">{term}</dt>
          <dd style={{ margin: 0, whiteSpace: "pre-line" }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A horizontal bar chart in plain HTML/CSS: each bar's value is written out as text, so it
 * reads the same to screen readers and when printed; the bars themselves are decoration. */
export type Bar = { label: string; value: number | null; text: string };

export function BarChart({ title, bars, max = 1 }: { title: string; bars: Bar[]; max?: number }) {
  return (
    <figure className="fr-m-0 fr-mb-4w">
      <figcaption className="fr-text--bold fr-mb-1w">{title}</figcaption>
      {bars.length === 0 ? (
        <p className="fr-text--sm">Aucune donnée.</p>
      ) : (
        <ul className="fr-raw-list">
          {bars.map((bar) => {
            const share = bar.value === null || max <= 0 ? 0 : Math.min(bar.value / max, 1);
            return (
              <li key={bar.label} className="fr-mb-1w">
                <div style={{ display: "flex", justifyContent: "space-between" }} className="fr-text--sm fr-mb-0">
                  <span>{bar.label}</span>
                  <span>{bar.text}</span>
                </div>
                <div
                  aria-hidden="true"
                  style={{ background: "var(--background-contrast-grey)", height: "0.75rem" }}
                >
                  <div
                    data-testid="bar"
                    style={{
                      width: `${share * 100}%`,
                      height: "100%",
                      background: "var(--background-action-high-blue-france)",
                    }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}

import { useId, type ReactNode } from "react";

/**
 * A determinate progress bar in the DSFR's colours (the DSFR has no progress component):
 * a labelled `role="progressbar"` announced by screen readers, with the percentage shown.
 */
export function ProgressBar({
  label,
  percent,
  detail,
}: {
  label: ReactNode;
  percent: number;
  /** Shown after the percentage and announced with it, e.g. "420 lignes sur 1 000". */
  detail?: string;
}) {
  const labelId = useId();
  const value = Math.max(0, Math.min(100, Math.round(Number.isFinite(percent) ? percent : 0)));
  const text = detail ? `${value} % (${detail})` : `${value} %`;
  return (
    <div className="fr-mb-3w">
      <p id={labelId} className="fr-mb-1w fr-text--bold">
        {label}
      </p>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={text}
        style={{
          height: "0.75rem",
          borderRadius: "0.375rem",
          overflow: "hidden",
          background: "var(--background-contrast-grey)",
          boxShadow: "inset 0 0 0 1px var(--border-default-grey)",
        }}
      >
        <div
          style={{
            width: `${value}%`,
            height: "100%",
            background: "var(--background-action-high-blue-france)",
            transition: "width 0.3s ease-out",
          }}
        />
      </div>
      <p className="fr-text--sm fr-mt-1w fr-mb-0" aria-hidden="true">
        {text}
      </p>
    </div>
  );
}

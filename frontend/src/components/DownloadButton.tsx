import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button, type ButtonProps } from "@codegouvfr/react-dsfr/Button";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "../api/problem";
import { saveBlob } from "./download";

/** A button that fetches a protected file with the session's token, then saves it. */
export function DownloadButton({
  label,
  fetchFile,
  priority = "secondary",
}: {
  label: string;
  fetchFile: () => Promise<{ blob: Blob; fileName: string }>;
  priority?: ButtonProps["priority"];
}) {
  const download = useMutation({
    mutationFn: fetchFile,
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
  });
  return (
    <>
      <Button
        type="button"
        priority={priority}
        iconId="fr-icon-download-line"
        onClick={() => download.mutate()}
        disabled={download.isPending}
      >
        {label}
      </Button>
      {download.isPending && (
        <p role="status" className="fr-sr-only">
          Téléchargement en cours…
        </p>
      )}
      {download.isError && (
        <Alert
          className="fr-mt-2w"
          small
          severity="error"
          description={`Le téléchargement a échoué : ${errorMessage(download.error)}`}
        />
      )}
    </>
  );
}

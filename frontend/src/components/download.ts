/**
 * File downloads that need the bearer token: a plain <a href> cannot carry it, so the
 * file is fetched (through the API client and its middleware), then saved from a blob.
 */
import { unwrap } from "../api/problem";

/** The two formats of every tabular export (CSV for French Excel, or XLSX). */
export type ExportFormat = "csv" | "xlsx";

/** The file name from a `Content-Disposition` header, or the fallback. */
export function attachmentName(response: Response, fallback: string): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1]?.trim() || fallback;
}

/** Saves a blob as a file through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Let the browser start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** A file fetched through the API client, as DownloadButton saves it. */
export type DownloadedFile = { blob: Blob; fileName: string };

/** The file a `parseAs: "blob"` request answers, named by its `Content-Disposition`. */
export async function fetchedFile(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallback: string,
): Promise<DownloadedFile> {
  const result = await request;
  const blob = unwrap(result) as Blob;
  return { blob, fileName: attachmentName(result.response, fallback) };
}

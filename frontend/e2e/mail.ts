/** The emails the running platform's demo messaging writes as .eml files. */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Where they are written (scripts/e2e.sh's data dir). */
export const MAIL_DIR = resolve(process.env.E2E_DATA_DIR ?? "../.data/e2e", "mail");

/** The text of an .eml, its quoted-printable or base64 body decoded (first: a long line cut
 * by quoted-printable is whole there), then as it is. */
export function emailText(raw: string): string {
  const quoted = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  const base64 = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{40,})/g)]
    .map((m) => Buffer.from(m[1]!.replace(/\s/g, ""), "base64").toString("utf8"))
    .join("\n");
  return `${quoted}\n${base64}\n${raw}`;
}

/**
 * The text of the newest email whose file name matches `name`, written after `since`, and
 * whose text passes `accept`; waits for the worker to deliver it (30 s at most).
 */
export async function waitForEmail(
  name: RegExp,
  since: number,
  accept: (text: string) => boolean = () => true,
): Promise<{ file: string; text: string }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const names = (await readdir(MAIL_DIR).catch(() => [] as string[])).filter((n) => name.test(n));
    const files = await Promise.all(
      names.map(async (file) => ({ file, mtime: (await stat(join(MAIL_DIR, file))).mtimeMs })),
    );
    for (const { file } of files.filter((f) => f.mtime >= since).sort((a, b) => b.mtime - a.mtime)) {
      const text = emailText(await readFile(join(MAIL_DIR, file), "latin1"));
      if (accept(text)) return { file, text };
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`No email ${name} in ${MAIL_DIR}`);
}

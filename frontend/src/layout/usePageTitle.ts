import { useEffect } from "react";

const SITE = "Politique de contact RSI";

/** Sets the document title (each page must have a distinct one, RGAA 8.6). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - ${SITE}`;
  }, [title]);
}

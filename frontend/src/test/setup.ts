import "@testing-library/jest-dom/vitest";
import { setLink } from "@codegouvfr/react-dsfr/link";
import { Link } from "react-router-dom";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { forgetSearch } from "../persons/searchMemory";

// Role queries skip their visibility check (getComputedStyle up the tree for every
// candidate), which makes them slow on big pages such as a 200-row table; no screen here
// hides content with CSS that a test could mistake for visible.
configure({ defaultHidden: true });

// As in main.tsx (startDsfr): DSFR components' linkProps render react-router links.
setLink({ Link: Link as Parameters<typeof setLink>[0]["Link"] });

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  forgetSearch();
});

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { startDsfr } from "./dsfr";

// The DSFR stylesheets and favicons are linked from index.html (public/dsfr/,
// copied by `react-dsfr copy-static-assets` before dev/build).
startDsfr();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

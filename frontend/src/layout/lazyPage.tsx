import { type ComponentType, lazy } from "react";

/** A page component loaded on first use from its own chunk (route-level code splitting). */
export function lazyPage<Name extends string, Module extends Record<Name, ComponentType>>(
  load: () => Promise<Module>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Shown while a page's chunk loads (usually a few milliseconds). */
export function PageLoading() {
  return (
    <p role="status" className="fr-container fr-py-4w">
      Chargement de la page…
    </p>
  );
}

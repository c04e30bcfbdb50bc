// The pages of the app, found on disk (app/**/page.tsx), so a spec that walks "every page" walks a new
// one without anyone remembering to add it.
import { readdirSync } from "node:fs";
import path from "node:path";

/** Every page as a URL template, sorted: "/projects/[slug]/evidence/[id]" (route groups left out). */
export function appPageTemplates(): string[] {
  const app = path.resolve("app");
  return (readdirSync(app, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "page.tsx")
    .map(
      (f) =>
        `/${f
          .split(path.sep)
          .slice(0, -1)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/")}`.replace(/\/$/, "") || "/",
    )
    .sort();
}

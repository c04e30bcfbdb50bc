// Project slugs: the pattern and the suggestion made from a name. No zod here: the create-project form
// imports this in the browser; lib/schemas/project.ts validates with the same pattern.
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-") // runs collapse to one "-", so one at each end is all there is
      .replace(/^-|-$/g, "")
      .slice(0, 48)
      .replace(/-$/, "") || "project"
  );
}

// Project slugs: the pattern and the suggestion made from a name. No zod here: the create-project form
// imports this in the browser; lib/schemas/project.ts validates with the same pattern.
import { kebabKey } from "@/lib/core/slug";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(name: string): string {
  return kebabKey(name, 48, "project");
}

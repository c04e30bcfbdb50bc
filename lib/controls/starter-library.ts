// The starter control library shipped in prisma/catalogues/starter-controls.json, validated. Pure.
import starterFile from "@/prisma/catalogues/starter-controls.json";
import { ZStarterLibraryFile, type TStarterLibraryFile } from "@/lib/schemas/control";

let parsed: TStarterLibraryFile | undefined;

/** The starter library, validated at first use (a broken file fails loudly). */
export function starterLibrary(): TStarterLibraryFile {
  if (!parsed) {
    const result = ZStarterLibraryFile.safeParse(starterFile);
    if (!result.success) {
      const first = result.error.issues[0];
      throw new Error(
        `prisma/catalogues/starter-controls.json is invalid at ${first.path.join(".")}: ${first.message}`,
      );
    }
    parsed = result.data;
  }
  return parsed;
}

/** The family of a control is the prefix of its key: "BCK-02" → "BCK". */
export function familyOf(key: string): string {
  return key.split("-")[0];
}

/** Names of the starter families; a family a lead invents is shown by its prefix. */
export function familyNames(): Record<string, string> {
  return starterLibrary().families;
}

// The catalogues shipped with Proofline (prisma/catalogues/*.json), bundled at build time so that the
// loader needs no file system access. Adding a catalogue: add its file here; the reference step loads it.
import soc2 from "@/prisma/catalogues/soc2.json";
import gdpr from "@/prisma/catalogues/gdpr.json";
import irb from "@/prisma/catalogues/irb.json";
import { parseFrameworkFile, type Catalogue } from "@/lib/catalogue/framework-file";

export const BUILTIN_FRAMEWORK_FILES: readonly unknown[] = [soc2, gdpr, irb];

let parsed: Catalogue[] | undefined;

/** The built-in catalogues, validated (a broken file fails loudly, at the first use). */
export function builtinCatalogues(): Catalogue[] {
  return (parsed ??= BUILTIN_FRAMEWORK_FILES.map((file) => parseFrameworkFile(file)));
}

export const BUILTIN_FRAMEWORK_KEYS: readonly string[] = [soc2.key, gdpr.key, irb.key];

/** Display order: the built-in catalogues in their fixed order, then custom frameworks by name. */
export function compareFrameworks(a: { key: string; name: string }, b: { key: string; name: string }): number {
  const rank = (k: string) => {
    const i = BUILTIN_FRAMEWORK_KEYS.indexOf(k);
    return i < 0 ? BUILTIN_FRAMEWORK_KEYS.length : i;
  };
  return rank(a.key) - rank(b.key) || a.name.localeCompare(b.name);
}

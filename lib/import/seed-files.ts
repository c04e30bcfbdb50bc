// Where the shared readiness documents live (../shared next to the repository), for tests and the demo seed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const SHARED_DIR = path.resolve(process.cwd(), "..", "shared");
export const SEEDS_DIR = path.join(SHARED_DIR, "seeds");
export const CORPUS_DOCS_DIR = path.join(SHARED_DIR, "corpus", "docs");

export function sharedPresent(dir = SEEDS_DIR): boolean {
  return existsSync(dir);
}

/**
 * For tests: the bytes of a shared file. Under CI a missing folder is a failure (the tests must
 * not pass by skipping); locally the caller skips with the reason.
 */
export function requireShared(dir: string): boolean {
  if (existsSync(dir)) return true;
  if (process.env.CI) throw new Error(`${dir} is missing. The importer's tests read the real documents there; CI must provide ../shared next to the repository.`);
  return false;
}

export function readShared(dir: string, name: string): Buffer {
  return readFileSync(path.join(dir, name));
}

// Readiness documents for tests and the demo: our own, shipped with the repository (lib/seed/documents),
// and the shared ones beside it (../shared/seeds and ../shared/corpus/docs), read only by the conformance
// tier (*.conformance.test.ts), which scripts/test.ts runs when ../shared is there.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const DEMO_DOCUMENTS_DIR = path.resolve(process.cwd(), "lib", "seed", "documents");
export const SHARED_DIR = path.resolve(process.cwd(), "..", "shared");
export const SEEDS_DIR = path.join(SHARED_DIR, "seeds");
export const CORPUS_DOCS_DIR = path.join(SHARED_DIR, "corpus", "docs");

/** For conformance tests: a missing shared folder is a failure, never a skip. */
export function requireShared(dir: string): true {
  if (existsSync(dir)) return true;
  throw new Error(
    `${dir} is missing. The conformance tests read the real documents there; put ../shared next to the repository.`,
  );
}

export function readShared(dir: string, name: string): Buffer {
  return readFileSync(path.join(dir, name));
}

/** One of our demo documents (lib/seed/documents). */
export function readDemoDocument(name: string): Buffer {
  return readFileSync(path.join(DEMO_DOCUMENTS_DIR, name));
}

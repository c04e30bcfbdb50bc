import { chmod, mkdir } from "node:fs/promises";

// Evidence originals (.data/blobs) and auditor packets (.data/packets) are readable by the app's own
// operating-system user only: directories 0700, files 0600. A directory made by an earlier version
// with a wider mode is narrowed the first time it is used.

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const narrowed = new Set<string>();

/** Creates `dir` (and missing parents) as 0700, and narrows `dir` itself to 0700 once per process. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (narrowed.has(dir)) return;
  await chmod(dir, PRIVATE_DIR_MODE);
  narrowed.add(dir);
}

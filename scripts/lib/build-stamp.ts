// Decides whether `next build` must run: a fingerprint of every input to the build (paths, sizes and
// modification times), compared with the one stored beside the last successful build.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public", "prisma/schema", "generated"];
const INPUT_FILES = ["next.config.ts", "package-lock.json", "tsconfig.json", "proxy.ts", "instrumentation.ts"];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function buildFingerprint(root = process.cwd()): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.join(root, d), files);
  for (const f of INPUT_FILES) if (existsSync(path.join(root, f))) files.push(path.join(root, f));
  const hash = createHash("sha256");
  for (const f of files.sort()) {
    const s = statSync(f);
    hash.update(`${path.relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function buildIsCurrent(distDir = ".next", root = process.cwd()): boolean {
  const stamp = path.join(root, distDir, "proofline-build-stamp");
  return (
    existsSync(path.join(root, distDir, "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === buildFingerprint(root)
  );
}

export function writeBuildStamp(distDir = ".next", root = process.cwd()): void {
  writeFileSync(path.join(root, distDir, "proofline-build-stamp"), buildFingerprint(root));
}

import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BodyFile } from "@/lib/ingest/parse-body";

// Unit and integration tests read our own fixtures (lib/ingest/fixtures, written for this repository).
// The conformance tier (*.conformance.test.ts) also reads the shared corpus of real tool output in place
// (../shared/corpus beside the repo); scripts/test.ts runs that tier only when the folder is there.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../../..");
export const CORPUS = path.resolve(REPO, "../shared/corpus");
const FIXTURES = path.resolve(HERE, "../fixtures");

export function corpusFile(relative: string): string {
  const file = path.join(CORPUS, relative);
  if (!existsSync(file)) {
    throw new Error(
      `The shared corpus file ${file} is missing: conformance tests need ../shared/corpus beside the repository.`,
    );
  }
  return file;
}

/** A fixture of ours, e.g. "junit/jest-mixed.xml"; a missing one is a failure. */
export function fixtureFile(name: string): string {
  const file = path.join(FIXTURES, name);
  if (!existsSync(file)) throw new Error(`The fixture ${file} is missing.`);
  return file;
}

export function fileBody(file: string): BodyFile {
  return { size: statSync(file).size, open: () => createReadStream(file, { highWaterMark: 64 * 1024 }) };
}

export function bufferBody(data: string | Buffer): BodyFile {
  const buf = typeof data === "string" ? Buffer.from(data) : data;
  return {
    size: buf.byteLength,
    async *open() {
      for (let i = 0; i < buf.byteLength; i += 7919) yield buf.subarray(i, i + 7919);
    },
  };
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

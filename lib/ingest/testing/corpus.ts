import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BodyFile } from "@/lib/ingest/parse-body";

// Tests read the shared corpus of real tool output in place (../shared/corpus beside the repo).
// A missing corpus fails the test that needs it (never a skip), in CI and on a laptop alike.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../../..");
export const CORPUS = path.resolve(REPO, "../shared/corpus");
const FIXTURES = path.resolve(HERE, "../fixtures");

export function corpusFile(relative: string): string {
  const file = path.join(CORPUS, relative);
  if (!existsSync(file)) {
    throw new Error(`The shared corpus file ${file} is missing: these tests need ../shared/corpus beside the repository.`);
  }
  return file;
}

export function fixtureFile(name: string): string {
  return path.join(FIXTURES, name);
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

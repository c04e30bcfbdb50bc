// npm run bench:import — how fast the importer reads documents, beside a baseline measured in the
// same run: the Markdown library alone (mdast-util-from-markdown with GitHub extensions) on the same
// text, and splitting the text into lines for the plain-text and flattened reStructuredText seeds.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { parseDocument } from "../lib/import/parse-document";

// The real seed documents when ../shared is beside the repository; otherwise the demo documents that ship
// with it (lib/seed/documents, the same five shapes), so the benchmark runs on a fresh clone too.
const SHARED_SEEDS = path.resolve(process.cwd(), "..", "shared", "seeds");
const SHARED_NAMES = [
  "000_8de9be00d0878db6.txt",
  "001_3f4d6e7c9a34f5a4.txt",
  "002_d312acd1df8c3387.txt",
  "003_70f65c31b18e50c6.txt",
  "004_c166fc15db0d77a3.txt",
];
const useShared = existsSync(SHARED_SEEDS);
const SEEDS = useShared ? SHARED_SEEDS : path.resolve(process.cwd(), "lib", "seed", "documents");
const NAMES = useShared ? SHARED_NAMES : readdirSync(SEEDS).sort();
const GAP_LIST = useShared ? "002_d312acd1df8c3387.txt" : "engine-production-gaps.md";

function time(fn: () => unknown, rounds: number): number {
  fn(); // warm up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - start) / rounds;
}

function row(name: string, bytes: number, ours: number, base: number, baseName: string, items: number) {
  const mbs = (ms: number) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(2);
  console.log(
    `${name.padEnd(34)} ${(bytes / 1024).toFixed(0).padStart(6)} KB  importer ${ours.toFixed(1).padStart(8)} ms (${mbs(ours).padStart(6)} MB/s)  ${baseName} ${base.toFixed(1).padStart(8)} ms (${mbs(base).padStart(6)} MB/s)  ×${(ours / base).toFixed(1)}  ${items} items`,
  );
}

/** A gap list of about `kb` kilobytes: the seed's entries repeated with fresh keys. */
function bigGapList(seed: string, kb: number): string {
  const entries = seed.slice(seed.indexOf("## HIGH Priority"));
  const parts = ["# Production Gaps\n\n"];
  for (let n = 0; parts.join("").length < kb * 1024; n++)
    parts.push(entries.replace(/\b([A-Z]+(?:-[A-Z]+)*)-(\d{3})\b/g, (_m, p: string, d: string) => `${p}${n}-${d}`));
  return parts.join("");
}

console.log(`Documents: ${SEEDS}${useShared ? "" : " (../shared is not beside the repository: the demo documents)"}`);
const md = (t: string) => fromMarkdown(t, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
for (const name of NAMES) {
  const bytes = readFileSync(path.join(SEEDS, name));
  const text = bytes.toString("utf8");
  const doc = parseDocument(bytes, { filename: name });
  const isMd = doc.format === "markdown";
  row(
    name,
    bytes.length,
    time(() => parseDocument(bytes, { filename: name }), 20),
    time(() => (isMd ? md(text) : text.split("\n")), 20),
    isMd ? "mdast" : "lines",
    doc.items.length,
  );
}
const seed = readFileSync(path.join(SEEDS, GAP_LIST), "utf8");
for (const kb of [512, 2048]) {
  const text = bigGapList(seed, kb);
  const bytes = Buffer.from(text);
  let items = 0;
  const ours = time(() => (items = parseDocument(bytes, { filename: "big.md" }).items.length), 2);
  row(
    `synthetic gap list ${kb} KB`,
    bytes.length,
    ours,
    time(() => md(text), 2),
    "mdast",
    items,
  );
}

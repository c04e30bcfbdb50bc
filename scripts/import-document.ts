// npm run import -- <file> --project <slug> [--preview] [--format markdown|rst|text] [--document <key>] [--as <email>]
//   corrections (saved with the document on import, applied again to its next version):
//   [--items auto|h1..h6|list|checkbox|table] [--state auto|checkbox|backtick|emoji|field|strike|table]
//   [--state-field <name>] [--priority-field <name>] [--runbook <section>]… [--skip <section>]…
//   [--mapping <file.json>] [--no-mapping]
// Imports a readiness document into a project, through the same code as the browser and the API.
// Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/pg.
import "./lib/load-env";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabase } from "./lib/database";
import { type TImportMapping, ZImportMapping } from "@/lib/import/mapping";
import { runMain } from "./lib/run-main";

const USAGE =
  "usage: npm run import -- <file> --project <slug> [--preview] [--format markdown|rst|text] [--document <key>] [--as <email>]\n" +
  "       [--items auto|h1..h6|list|checkbox|table] [--state auto|checkbox|backtick|emoji|field|strike|table] [--state-field <name>]\n" +
  "       [--priority-field <name>] [--runbook <section>]... [--skip <section>]... [--mapping <file.json>] [--no-mapping]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      project: { type: "string" },
      preview: { type: "boolean", default: false },
      format: { type: "string" },
      document: { type: "string" },
      as: { type: "string" },
      help: { type: "boolean", short: "h" },
      items: { type: "string" },
      state: { type: "string" },
      "state-field": { type: "string" },
      "priority-field": { type: "string" },
      runbook: { type: "string", multiple: true },
      skip: { type: "string", multiple: true },
      mapping: { type: "string" },
      "no-mapping": { type: "boolean", default: false },
    },
  });
  const file = positionals[0];
  if (values.help || !file || !values.project) {
    console.error(USAGE);
    return 2;
  }
  if (values.format && !["markdown", "rst", "text"].includes(values.format)) {
    console.error(`--format must be markdown, rst or text (got "${values.format}").\n${USAGE}`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`There is no file ${file}.`);
    return 2;
  }
  const mapping = readMappingFlags(values);
  if (typeof mapping === "string") {
    console.error(`${mapping}\n${USAGE}`);
    return 2;
  }
  const server = await resolveDatabase();
  process.env.DATABASE_URL = server.url;
  const { prisma, disconnectDb } = await import("@/lib/db");
  const { systemCtx } = await import("@/lib/auth/actor");
  const { previewDocumentImport } = await import("@/lib/backlog/preview-document-import");
  const { applyDocumentImport } = await import("@/lib/backlog/apply-document-import");
  const { isAppError } = await import("@/lib/errors");
  try {
    let ctx = systemCtx("cli");
    if (values.as) {
      const user = await prisma.user.findUnique({
        where: { email: values.as.toLowerCase() },
        select: { id: true, email: true, name: true, role: true, active: true },
      });
      if (!user?.active) {
        console.error(`There is no active user ${values.as}.`);
        return 1;
      }
      ctx = { actor: { kind: "user", user: { id: user.id, email: user.email, name: user.name, role: user.role } } };
    }
    const input = {
      ctx,
      slug: values.project,
      bytes: readFileSync(file),
      filename: path.basename(file),
      format: values.format as "markdown" | "rst" | "text" | undefined,
      documentKey: values.document,
      mapping,
    };
    const report = values.preview
      ? await previewDocumentImport(input)
      : await applyDocumentImport({ ...input, now: new Date() });
    const c = report.counts;
    console.log(
      `${values.preview ? "Would import" : "Imported"} ${report.document.title} (${report.format}${report.reflowed ? ", reflowed from one line" : ""}) into ${values.project}`,
    );
    console.log(
      `  items: ${c.create} new, ${c.update} updated, ${c.close} closed, ${c.reopen} reopened, ${c.restore} back, ${c.remove} gone from the document, ${c.conflict} conflicts, ${c.unchanged} unchanged`,
    );
    console.log(
      `  runbooks: ${report.runbooks.map((r) => `${r.title} (${r.action}, ${r.steps} steps)`).join("; ") || "none"}`,
    );
    if ("mapping" in report && report.mapping.source !== "none")
      console.log(
        `  mapping (${report.mapping.source === "saved" ? "saved with the document" : "chosen"}): ${JSON.stringify(report.mapping.mapping)}`,
      );
    for (const w of report.warnings) console.log(`  note: ${w}`);
    for (const i of report.items.filter((x) => x.action === "conflict"))
      console.log(`  conflict: ${i.key ?? i.title}: ${i.reason}`);
    return 0;
  } catch (err) {
    if (isAppError(err)) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await disconnectDb();
    await server.stop();
  }
}

/**
 * The corrections given on the command line: a mapping file, flags on top of it, "none" (--no-mapping:
 * read with no correction, and clear the saved one on import), or undefined (the document's saved mapping).
 * A string is the reason the flags are wrong.
 */
function readMappingFlags(values: Record<string, unknown>): TImportMapping | null | undefined | string {
  if (values["no-mapping"]) return null;
  let base: Record<string, unknown> = {};
  if (typeof values.mapping === "string") {
    if (!existsSync(values.mapping)) return `There is no mapping file ${values.mapping}.`;
    try {
      base = JSON.parse(readFileSync(values.mapping, "utf8")) as Record<string, unknown>;
    } catch {
      return `${values.mapping} is not JSON.`;
    }
  }
  const flags: Record<string, unknown> = { ...base };
  if (values.items !== undefined) flags.items = values.items;
  if (values.state !== undefined) flags.state = values.state;
  if (values["state-field"] !== undefined) flags.stateField = values["state-field"];
  if (values["priority-field"] !== undefined) flags.priorityField = values["priority-field"];
  if (Array.isArray(values.runbook)) flags.runbooks = values.runbook;
  if (Array.isArray(values.skip)) flags.skip = values.skip;
  if (!Object.keys(flags).length) return undefined;
  const parsed = ZImportMapping.safeParse(flags);
  if (!parsed.success)
    return `The mapping is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`).join("; ")}.`;
  return parsed.data;
}

runMain(main);

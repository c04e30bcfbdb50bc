// npm run import -- <file> --project <slug> [--preview] [--format markdown|rst|text] [--document <key>] [--as <email>]
// Imports a readiness document into a project, through the same code as the browser and the API.
// Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under .data/pg.
import "./lib/load-env";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabase } from "./lib/database";

const USAGE = "usage: npm run import -- <file> --project <slug> [--preview] [--format markdown|rst|text] [--document <key>] [--as <email>]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { project: { type: "string" }, preview: { type: "boolean", default: false }, format: { type: "string" }, document: { type: "string" }, as: { type: "string" }, help: { type: "boolean", short: "h" } },
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
      const user = await prisma.user.findUnique({ where: { email: values.as.toLowerCase() }, select: { id: true, email: true, name: true, role: true, active: true } });
      if (!user?.active) {
        console.error(`There is no active user ${values.as}.`);
        return 1;
      }
      ctx = { actor: { kind: "user", user: { id: user.id, email: user.email, name: user.name, role: user.role } } };
    }
    const input = { ctx, slug: values.project, bytes: readFileSync(file), filename: path.basename(file), format: values.format as "markdown" | "rst" | "text" | undefined, documentKey: values.document };
    const report = values.preview ? await previewDocumentImport(input) : await applyDocumentImport({ ...input, now: new Date() });
    const c = report.counts;
    console.log(`${values.preview ? "Would import" : "Imported"} ${report.document.title} (${report.format}${report.reflowed ? ", reflowed from one line" : ""}) into ${values.project}`);
    console.log(`  items: ${c.create} new, ${c.update} updated, ${c.close} closed, ${c.reopen} reopened, ${c.restore} back, ${c.remove} gone from the document, ${c.conflict} conflicts, ${c.unchanged} unchanged`);
    console.log(`  runbooks: ${report.runbooks.map((r) => `${r.title} (${r.action}, ${r.steps} steps)`).join("; ") || "none"}`);
    for (const w of report.warnings) console.log(`  note: ${w}`);
    for (const i of report.items.filter((x) => x.action === "conflict")) console.log(`  conflict: ${i.key ?? i.title}: ${i.reason}`);
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

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

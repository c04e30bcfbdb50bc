// npm run bench:packet: builds an auditor packet of about 1,000 PDF pages from generated data in a
// scratch database (on DATABASE_URL's server when set, else the embedded one), in a child process
// running the packet job exactly as the worker does, and prints beside each other:
//   - pages per second and peak memory (max RSS) of the build (react-pdf chunks for the cover,
//     contents, readiness and requests; every control's pages and the long tables drawn directly),
//     for the whole job and for its PDF stage alone, and of the limit: the same packet's per-control
//     pages drawn and saved by pdf-lib alone with standard fonts (bench-limit.ts), in a process of its
//     own; then how many pages each engine made, the PDF's size and how much of it is embedded fonts
//     (Noto subsets, ADR 0018), and where the build's time went, stage by stage;
//   - the readiness dashboard API's p95 response time while the packet builds, next to its p95 idle
//     (the route handler is called in this process with a real session, as the web server would).
// Options: --evidence N (default 17000; about 1,000 pages), --requests N (default 100), --keep.
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { resolveDatabase } from "./lib/database";
import { deployMigrations, withDatabaseName } from "./lib/migrate";
import { generatePacketBenchData } from "../lib/packets/bench-data";
import { runMain } from "./lib/run-main";
import { benchChild, type ChildReport } from "./lib/bench-child";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

async function main() {
  const server = await resolveDatabase();
  const admin = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, "postgres") : server.adminUrl;
  const name = `proofline_bench_packet_${randomBytes(3).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(admin, name);
  const scratch = mkdtempSync(path.join(tmpdir(), "proofline-bench-packet-"));
  const env = {
    DATABASE_URL: url,
    BLOB_DIR: path.join(scratch, "blobs"),
    PACKET_DIR: path.join(scratch, "packets"),
    PACKET_SIGNING_KEY_FILE: path.join(scratch, "key.pem"),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  };
  Object.assign(process.env, env);
  console.log(`Scratch database ${name} on ${new URL(admin).host}`);
  try {
    await deployMigrations(url);
    const { loadReferenceData } = await import("../lib/seed/reference");
    await loadReferenceData();
    const world = await generatePacketBenchData({
      evidence: opt("evidence", 17_000),
      requests: opt("requests", 100),
      blobDir: env.BLOB_DIR,
    });

    // The web side: the readiness dashboard's API, called as a signed-in lead.
    const { GET: dashboard } = await import("../app/api/v1/dashboard/readiness/route");
    const { NextRequest } = await import("next/server");
    const { encode } = await import("next-auth/jwt");
    const token = await encode({
      token: { sub: world.leadId, sv: 0, email: world.leadEmail },
      secret: env.NEXTAUTH_SECRET,
    });
    const hit = async () => {
      const t = performance.now();
      const res = await dashboard(
        new NextRequest("http://localhost/api/v1/dashboard/readiness", {
          headers: { cookie: `next-auth.session-token=${token}` },
        }),
        { params: Promise.resolve({}) },
      );
      await res.text();
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < 5; i++) await hit(); // warm-up
    const idle: number[] = [];
    for (let i = 0; i < 60; i++) idle.push(await hit());

    console.log("Limit: every control's pages drawn by pdf-lib alone (standard fonts, its own process)…");
    const limit = await benchChild("limit", { ...process.env, ...env }, world.auditId).done;

    console.log("Packet: the full build as the worker runs it (chunks, merge, contents, bookmarks, ZIP, manifest)…");
    const build = benchChild("build", { ...process.env, ...env }, world.packetId);
    const busy: number[] = [];
    while (build.running()) {
      busy.push(await hit());
      await new Promise((r) => setTimeout(r, 50));
    }
    const packet = await build.done;

    const rate = (r: ChildReport) => r.pages / (r.ms / 1000);
    const row = (label: string, r: ChildReport) =>
      console.log(
        `  ${label.padEnd(34)} ${String(r.pages).padStart(6)} ${(r.ms / 1000).toFixed(1).padStart(9)} s ${rate(r).toFixed(1).padStart(9)} ${String(r.maxRssMb).padStart(9)} MB`,
      );
    console.log(`\nAuditor packet from ${world.summary}`);
    console.log(
      `  ${"".padEnd(34)} ${"pages".padStart(6)} ${"time".padStart(11)} ${"pages/s".padStart(9)} ${"peak RSS".padStart(12)}`,
    );
    row("limit: control pages, plain pdf-lib", limit);
    row("packet build (worker job)", packet);
    if (packet.renderMs) row("  of which the PDF stage", { ...packet, ms: packet.renderMs });
    const worst = packet.maxRssMb + (packet.childRssMb ?? 0) * (packet.processes ?? 0);
    console.log(`  ${packet.detail}`);
    if (packet.split) console.log(`  ${packet.split}`);
    if (packet.fonts) console.log(`  ${packet.fonts}`);
    if (packet.stages)
      console.log(
        `  stages: ${packet.stages.map((st) => `${st.stage.toLowerCase()} ${(st.ms / 1000).toFixed(1)} s`).join("; ")}`,
      );
    console.log(
      `  render processes: peak ${packet.childRssMb ?? 0} MB each; worker + ${packet.processes ?? 0} render processes at their peaks together: ${worst} MB at most`,
    );
    console.log(
      `\nReadiness dashboard API          p95 idle ${p95(idle).toFixed(1)} ms (${idle.length} requests)   p95 while building ${p95(busy).toFixed(1)} ms (${busy.length} requests)`,
    );
    const pagesOk = rate(packet) >= 100;
    const memOk = worst < 1024;
    const pdfRate = packet.renderMs
      ? ` (the PDF stage alone ${(packet.pages / (packet.renderMs / 1000)).toFixed(1)})`
      : "";
    console.log(
      `\nTargets: >= 100 pages/s ${pagesOk ? "met" : "NOT met"} (${rate(packet).toFixed(1)} for the whole job${pdfRate}; the limit draws ${rate(limit).toFixed(1)} on this machine now); < 1 GB peak ${memOk ? "met" : "NOT met"} (${worst} MB for the worker and its render processes together, counted at each one's peak).`,
    );
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
  } finally {
    if (!args.includes("--keep")) {
      await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      rmSync(scratch, { recursive: true, force: true });
    } else console.log(`Kept ${url} and ${scratch}`);
    await adminClient.end();
    await server.stop();
  }
}

runMain(main, { print: "stack" });

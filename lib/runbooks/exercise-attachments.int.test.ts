// Files attached to a runbook exercise: through the API, stored once by sha256, downloadable by those
// who may read the runbook, refused to those who may not write, and nothing kept from a refused upload.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createRunbook } from "@/lib/runbooks/create-runbook";
import { recordExercise } from "@/lib/runbooks/record-exercise";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { POST as attachRoute } from "@/app/api/v1/projects/[slug]/runbooks/[runbookId]/exercises/[exerciseId]/attachments/route";
import { GET as downloadRoute } from "@/app/api/v1/projects/[slug]/runbooks/[runbookId]/exercises/[exerciseId]/attachments/[attachmentId]/route";
import { NextRequest } from "next/server";
import { call, sessionCookie } from "@/tests/api";
import { ctxOf, makeAudit, makeProject, makeUser } from "@/tests/factories";

const PROBLEM = "application/problem+json";

async function world() {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const engineer = await makeUser({ role: "ENGINEER" });
  const project = await makeProject();
  const now = new Date();
  const rb = await createRunbook({
    ctx: ctxOf(lead),
    slug: project.slug,
    now,
    data: { title: "Restore the study database", steps: [{ text: "Restore" }], cadenceDays: 90 },
  });
  const exercise = await recordExercise({
    ctx: ctxOf(engineer),
    slug: project.slug,
    runbookId: rb.id,
    now,
    data: { performedAt: now.toISOString(), outcome: "PASS", notes: "" },
  });
  const base = `/api/v1/projects/${project.slug}/runbooks/${rb.id}/exercises/${exercise.id}/attachments`;
  const params = { slug: project.slug, runbookId: rb.id, exerciseId: exercise.id };
  const attach = (
    asUser: string,
    body: BodyInit,
    filename = "restore.log",
    headers: Record<string, string> = { "content-type": "text/plain" },
  ) =>
    call(attachRoute, {
      method: "POST",
      path: `${base}?filename=${encodeURIComponent(filename)}`,
      params,
      asUser,
      rawBody: body,
      headers,
    });
  return { lead, engineer, project, rb, exercise, base, params, attach };
}

describe("exercise attachments", () => {
  it("attaches a file once, lists it on the runbook, records it in the trail, and serves the same bytes", async () => {
    const w = await world();
    const log = "02:00 restore started\n02:41 restore finished, 1,204,331 rows checked\n";
    const first = await w.attach(w.engineer.id, log, "../../etc/restore drill.log");
    expect(first.status).toBe(201);
    expect(first.body.attachment).toMatchObject({
      filename: "restore drill.log",
      contentType: "text/plain",
      size: Buffer.byteLength(log),
      sha256: createHash("sha256").update(log).digest("hex"),
    });
    const again = await w.attach(w.engineer.id, log, "copy.log");
    expect([again.status, again.body.status, again.body.attachment.id]).toEqual([
      200,
      "existing",
      first.body.attachment.id,
    ]);
    expect(await prisma.exerciseAttachment.count({ where: { exerciseId: w.exercise.id } })).toBe(1);

    const shown = await getRunbook({ ctx: ctxOf(w.lead), slug: w.project.slug, runbookId: w.rb.id, now: new Date() });
    expect(shown.exercises[0].attachments.map((a) => a.filename)).toEqual(["restore drill.log"]);
    const events = await prisma.activityEvent.findMany({
      where: { action: "runbook.exercise.attach", entityId: w.rb.id },
    });
    expect(events).toHaveLength(1);

    const id = first.body.attachment.id;
    const res = await downloadRoute(
      new NextRequest(new URL(`${w.base}/${id}`, "http://localhost"), {
        headers: { cookie: await sessionCookie(w.lead.id) },
      }),
      { params: Promise.resolve({ ...w.params, attachmentId: id }) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="restore drill.log"');
    expect(await res.text()).toBe(log);
  });

  it("keeps the first of two identical uploads sent at once, and only one", async () => {
    const w = await world();
    const bytes = "same bytes, twice at once";
    const [a, b] = await Promise.all([w.attach(w.engineer.id, bytes), w.attach(w.lead.id, bytes)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.attachment.id).toBe(b.body.attachment.id);
    expect(await prisma.exerciseAttachment.count({ where: { exerciseId: w.exercise.id } })).toBe(1);
  });

  it("refuses an empty file, one over 25 MB, a missing name, an auditor, and another runbook's exercise, writing nothing", async () => {
    const w = await world();
    const empty = await w.attach(w.engineer.id, "");
    expect([empty.status, empty.headers.get("content-type")]).toEqual([422, PROBLEM]);
    const big = await w.attach(w.engineer.id, new Uint8Array(25 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/limit of 25 MB/);
    const unnamed = await w.attach(w.engineer.id, "x", "///");
    expect([unnamed.status, unnamed.body.detail]).toEqual([
      422,
      "Name the file: ?filename= is missing or has no usable characters.",
    ]);

    const auditor = await makeUser({ role: "AUDITOR" });
    await makeAudit({ lead: w.lead, projectIds: [w.project.id], auditors: [{ user: auditor }] });
    const refused = await w.attach(auditor.id, "log");
    expect(refused.status).toBe(403);

    const other = await createRunbook({
      ctx: ctxOf(w.lead),
      slug: w.project.slug,
      now: new Date(),
      data: { title: "Rotate the keys", steps: [{ text: "Rotate" }] },
    });
    const wrong = await call(attachRoute, {
      method: "POST",
      path: `/api/v1/projects/${w.project.slug}/runbooks/${other.id}/exercises/${w.exercise.id}/attachments?filename=x.log`,
      params: { slug: w.project.slug, runbookId: other.id, exerciseId: w.exercise.id },
      asUser: w.engineer.id,
      rawBody: "log",
    });
    expect(wrong.status).toBe(404);
    expect(await prisma.exerciseAttachment.count({ where: { exerciseId: w.exercise.id } })).toBe(0);
    expect(
      await prisma.activityEvent.count({
        where: { action: "runbook.exercise.attach", entityId: { in: [w.rb.id, other.id] } },
      }),
    ).toBe(0);
  });
});

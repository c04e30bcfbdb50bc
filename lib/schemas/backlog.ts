import { z } from "zod";
import { ZPageQuery } from "@/lib/pagination";

export const ZPriority = z.enum(["BLOCKER", "CRITICAL", "HIGH", "MEDIUM", "LOW"]);
export const ZItemStatus = z.enum(["OPEN", "IN_PROGRESS", "DONE"]);
export const ZItemKind = z.enum(["ITEM", "GAP", "CHECKLIST"]);
export const ZDocFormat = z.enum(["markdown", "rst", "text"]);

const KEY = /^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d{1,5}$/;

/** Query of POST .../documents: the body is the document itself (raw bytes). */
export const ZDocumentImportQuery = z.strictObject({
  filename: z.string().trim().max(255).optional(),
  format: ZDocFormat.optional(),
  documentKey: z.string().trim().min(1).max(80).optional(),
  mode: z.enum(["preview", "apply"]).default("preview"),
  expectedSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "a sha256 in hex")
    .optional(),
});
export type TDocumentImportQuery = z.infer<typeof ZDocumentImportQuery>;

/** Filters of the backlog lists and counts (per project and across projects). */
export const ZBacklogFilters = {
  block: z.string().trim().max(200).optional(),
  priority: z.enum(["BLOCKER", "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE"]).optional(),
  status: z.enum(["OPEN", "IN_PROGRESS", "DONE", "NOT_DONE"]).optional(),
  owner: z.string().trim().max(40).optional(), // a user id, or "none"
  control: z.string().trim().max(40).optional(), // a control key (BCK-02) or id
  kind: ZItemKind.optional(),
  q: z.string().trim().max(200).optional(),
  removed: z.enum(["include", "only"]).optional(),
};
export const ZBacklogListQuery = z.strictObject({
  ...ZBacklogFilters,
  project: z.string().trim().max(48).optional(),
  ...ZPageQuery,
});
export type TBacklogListQuery = z.infer<typeof ZBacklogListQuery>;
export const ZBacklogCountsQuery = z.strictObject({
  ...ZBacklogFilters,
  project: z.string().trim().max(48).optional(),
});
export type TBacklogCountsQuery = z.infer<typeof ZBacklogCountsQuery>;

const ZLines = (what: string, max: number) =>
  z.array(z.string().trim().min(1, `An empty ${what} is not allowed`).max(2000)).max(max, `At most ${max} ${what}s`);

export const ZCriterionInput = z.strictObject({
  text: z.string().trim().min(1, "Write the criterion").max(2000, "Keep a criterion under 2,000 characters"),
  done: z.boolean().default(false),
  depth: z.number().int().min(0).max(5).default(0),
});

export const ZBacklogItemCreate = z.strictObject({
  title: z
    .string()
    .trim()
    .min(3, "Give the item a title of at least 3 characters")
    .max(300, "Keep the title under 300 characters"),
  key: z.string().trim().regex(KEY, "Use a key like OPS-12 (capitals, a hyphen, a number)").optional(),
  block: z.string().trim().max(200, "Keep the block under 200 characters").nullable().optional(),
  priority: ZPriority.nullable().optional(),
  status: ZItemStatus.default("OPEN"),
  body: z.string().max(100_000).default(""),
  ownerId: z.string().max(40).nullable().optional(),
  affectedFiles: ZLines("file", 200).default([]),
  verificationCommands: ZLines("command", 100).default([]),
  criteria: z.array(ZCriterionInput).max(200).default([]),
});
export type TBacklogItemCreate = z.input<typeof ZBacklogItemCreate>;

export const ZBacklogItemUpdate = z
  .strictObject({
    title: ZBacklogItemCreate.shape.title.optional(),
    block: z.string().trim().max(200).nullable().optional(),
    priority: ZPriority.nullable().optional(),
    status: ZItemStatus.optional(),
    body: z.string().max(100_000).optional(),
    ownerId: z.string().max(40).nullable().optional(),
    affectedFiles: ZLines("file", 200).optional(),
    verificationCommands: ZLines("command", 100).optional(),
    criteria: z.array(ZCriterionInput).max(200).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one field to change");
export type TBacklogItemUpdate = z.input<typeof ZBacklogItemUpdate>;

export const ZCriterionToggle = z.strictObject({ done: z.boolean() });

export const ZControlLink = z.strictObject({ control: z.string().trim().min(1, "Choose a control").max(40) });

export const GITHUB_PR_URL =
  /^https:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/pull\/(\d{1,9})(?:[/?#].*)?$/;

export const ZPullRequestState = z.enum(["open", "closed", "merged", "unknown"]);

export const ZPullRequestLink = z.strictObject({
  url: z
    .string()
    .trim()
    .regex(GITHUB_PR_URL, "Paste a GitHub pull request address, like https://github.com/owner/repo/pull/123"),
  title: z.string().trim().max(300).default(""),
  state: ZPullRequestState.default("unknown"),
});
export type TPullRequestLink = z.input<typeof ZPullRequestLink>;

export const ZPullRequestUpdate = z
  .strictObject({ title: z.string().trim().max(300).optional(), state: ZPullRequestState.optional() })
  .refine((v) => v.title !== undefined || v.state !== undefined, "Send a title or a state");

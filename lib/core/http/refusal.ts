import { AppError } from "@/lib/errors";

// Why a body was refused. Each reason has one HTTP status and appears in the problem type
// (urn:proofline:problem:ingest-<reason>), so clients and tests can tell refusals apart.
const STATUS = {
  "empty-body": 400,
  "invalid-utf8": 400,
  "malformed-xml": 400,
  "malformed-json": 400,
  truncated: 400,
  "doctype-refused": 400,
  "line-too-long": 413,
  "body-too-large": 413,
  "document-too-large": 413,
  "unknown-format": 415,
  "unsupported-format": 415,
  "format-mismatch": 422,
  "invalid-content": 422,
  "tool-error": 422,
  "bad-signature": 401,
  "delivery-replayed": 409,
} as const;

export type RefusalReason = keyof typeof STATUS;

const TITLES: Record<RefusalReason, string> = {
  "empty-body": "Empty body",
  "invalid-utf8": "Invalid UTF-8",
  "malformed-xml": "Malformed XML",
  "malformed-json": "Malformed JSON",
  truncated: "Truncated document",
  "doctype-refused": "DOCTYPE refused",
  "line-too-long": "Line too long",
  "body-too-large": "Body too large",
  "document-too-large": "Document too large",
  "unknown-format": "Unknown format",
  "unsupported-format": "Unsupported format",
  "format-mismatch": "Format mismatch",
  "invalid-content": "Invalid content",
  "tool-error": "The tool reported an error",
  "bad-signature": "Bad signature",
  "delivery-replayed": "Delivery already received",
};

/** A body Proofline will not ingest, with the reason and a sentence saying what to do. */
export class IngestRefusal extends AppError {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.status = STATUS[reason];
    this.code = `ingest-${reason}`;
    this.title = TITLES[reason];
  }
}

export function refuse(reason: RefusalReason, message: string): never {
  throw new IngestRefusal(reason, message);
}

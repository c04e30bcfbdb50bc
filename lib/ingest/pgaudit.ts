import type { Line } from "@/lib/ingest/bytes";
import { refuse } from "@/lib/core/http/refusal";
import { clip, formatBytes } from "@/lib/ingest/limits";
import type { AuditEventRow, AuditLogStats } from "@/lib/ingest/audit-log";

// pgaudit entries in a PostgreSQL server log, in both forms the server writes:
// * csvlog: one CSV record per entry (a quoted field may span lines); pgaudit's line is the
//   `message` column, the user, database and client come from their own columns;
// * stderr: `log_line_prefix` then `LOG:  AUDIT: …`; a statement over several lines continues on
//   lines without a prefix. The user and database are read from the prefix (`%u@%d` or `user=%u,db=%d`).
// The AUDIT message is CSV itself: AUDIT_TYPE,STATEMENT_ID,SUBSTATEMENT_ID,CLASS,COMMAND,OBJECT_TYPE,
// OBJECT_NAME,STATEMENT,PARAMETER. The server's other lines (connections, errors) are counted, not kept.

const AUDIT_MARK = /AUDIT: (?:SESSION|OBJECT),/;
const STAMP = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?)(?: ([A-Za-z]{1,5}|[+-]\d\d(?::?\d\d)?))?/;
const CSV_START = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?(?: [A-Za-z]{1,5}|[+-]\d\d(?::?\d\d)?)?,/;
const USER_AT_DB = /(?:^|[\s[(])([\w.$-]+)@([\w.$-]*)(?=[\s\]:)])/;
const USER_EQ = /user=([^,\s\]]+)/;
const DB_EQ = /db=([^,\s\]]+)/;
const IPV4 = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/;
const MAX_ENTRY = 1024 * 1024;

export type PgauditForm = "csvlog" | "stderr";

/** Whether a body's head is a PostgreSQL server log (timestamped lines) holding a pgaudit line. */
export function looksLikePgaudit(head: string): boolean {
  const first = head.split("\n", 3).find((l) => l.trim()) ?? "";
  return STAMP.test(first) && AUDIT_MARK.test(head);
}

/** Which of the server's two log forms a body is, from its first line. */
export function pgauditForm(head: string): PgauditForm {
  const first = head.split("\n", 3).find((l) => l.trim()) ?? "";
  return CSV_START.test(first) ? "csvlog" : "stderr";
}

/** Splits CSV text (quotes doubled inside quoted fields). Returns null when a quote is left open. */
export function splitCsv(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return null;
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      out.push(value);
      i = j;
    } else {
      const comma = text.indexOf(",", i);
      out.push(text.slice(i, comma < 0 ? n : comma));
      i = comma < 0 ? n : comma;
    }
    if (i >= n) return out;
    if (text[i] !== ",") return null; // text after a closing quote
    i++;
    if (i === n) {
      out.push("");
      return out;
    }
  }
}

const quotesOpen = (s: string) => {
  let open = false;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) open = !open;
  return open;
};

/** The log's timestamp as a Date; zone names other than UTC/GMT are not guessed. */
function stampTime(date: string, zone: string | undefined): Date | null {
  const iso = date.replace(" ", "T");
  const z =
    !zone || /^(UTC|GMT|Z)$/i.test(zone)
      ? "Z"
      : /^[+-]\d\d$/.test(zone)
        ? `${zone}:00`
        : /^[+-]\d\d:?\d\d$/.test(zone)
          ? zone
          : null;
  if (!z) return null;
  const t = Date.parse(iso + z);
  return Number.isNaN(t) ? null : new Date(t);
}

/** The timestamp that starts a PostgreSQL stderr log line (log_line_prefix %m or %t), if it has one. */
export function logStamp(line: string): Date | undefined {
  const m = STAMP.exec(line);
  return (m && stampTime(m[1], m[2])) || undefined;
}

interface Entry {
  lineNo: number;
  text: string;
}

/** Groups lines into log entries: a csvlog record (balanced quotes) or a stderr line with its continuations. */
async function* entries(lines: AsyncIterable<Line>, form: PgauditForm, stats: AuditLogStats): AsyncGenerator<Entry> {
  let cur: Entry | null = null;
  const grow = (e: Entry, text: string) => {
    e.text += `\n${text}`;
    if (e.text.length > MAX_ENTRY)
      refuse("line-too-long", `The log entry starting at line ${e.lineNo} is longer than ${formatBytes(MAX_ENTRY)}.`);
  };
  for await (const line of lines) {
    stats.lines++;
    if (form === "csvlog") {
      if (cur) {
        // A record stays open while it has an odd number of quotes: only the new line's are counted.
        grow(cur, line.text);
        if (quotesOpen(line.text)) {
          yield cur;
          cur = null;
        }
        continue;
      }
      if (!line.text.trim()) {
        stats.blank++;
        continue;
      }
      const e = { lineNo: line.lineNo, text: line.text };
      if (quotesOpen(e.text)) cur = e;
      else yield e;
    } else {
      if (STAMP.test(line.text)) {
        if (cur) yield cur;
        cur = { lineNo: line.lineNo, text: line.text };
      } else if (cur && line.text.trim()) grow(cur, line.text);
      else if (!line.text.trim()) stats.blank++;
      else
        refuse(
          "invalid-content",
          `Line ${line.lineNo} is not a PostgreSQL log line: it does not start with a timestamp (log_line_prefix must begin with %m or %t).`,
        );
    }
  }
  if (cur && form === "csvlog")
    refuse(
      "truncated",
      `The csvlog record starting at line ${cur.lineNo} ends inside a quoted field: the file is cut off.`,
    );
  if (cur) yield cur;
}

/** pgaudit's own CSV inside the message: 9 fields (8 when the parameter column is absent). */
function auditFields(message: string, lineNo: number): string[] {
  const at = message.search(AUDIT_MARK);
  const fields = splitCsv(message.slice(at + "AUDIT: ".length));
  if (!fields)
    refuse(
      "truncated",
      `The pgaudit entry at line ${lineNo} has an unterminated quoted statement: the entry is cut off.`,
    );
  if (fields.length < 8) {
    refuse(
      "invalid-content",
      `The pgaudit entry at line ${lineNo} has ${fields.length} field(s); pgaudit writes AUDIT_TYPE,STATEMENT_ID,SUBSTATEMENT_ID,CLASS,COMMAND,OBJECT_TYPE,OBJECT_NAME,STATEMENT,PARAMETER.`,
    );
  }
  return fields;
}

function row(
  lineNo: number,
  occurredAt: Date,
  who: { user?: string; db?: string; client?: string },
  a: string[],
  raw: string,
): AuditEventRow {
  const [, , , cls, command, objectType, objectName, statement] = a;
  const object = objectName || (objectType ? `(${objectType.toLowerCase()})` : "");
  return {
    lineNo,
    occurredAt,
    actor: clip(who.user || "(unknown)", 500)!,
    action: clip(`${cls} ${command}`.trim() || "(unknown)", 300)!,
    target:
      clip(
        object ? (who.db ? `${who.db}/${object}` : object) : statement ? statement.replace(/\s+/g, " ") : undefined,
        1000,
      ) ?? null,
    outcome: null,
    source: who.client ? clip(who.client.replace(/:\d+$/, ""), 300)! : null,
    raw,
  };
}

/** Yields one event per pgaudit entry, keeping totals in `stats`. */
export async function* pgauditEvents(
  lines: AsyncIterable<Line>,
  form: PgauditForm,
  stats: AuditLogStats,
): AsyncGenerator<AuditEventRow> {
  const shape = form === "csvlog" ? "pgaudit-csvlog" : "pgaudit-stderr";
  let audits = 0;
  for await (const e of entries(lines, form, stats)) {
    let message: string;
    let time: Date | null;
    let who: { user?: string; db?: string; client?: string };
    if (form === "csvlog") {
      const cols = splitCsv(e.text);
      if (!cols || cols.length < 22)
        refuse(
          "invalid-content",
          `Line ${e.lineNo} is not a PostgreSQL csvlog record (${cols ? `${cols.length} columns, csvlog has at least 22` : "unbalanced quotes"}).`,
        );
      message = cols[13];
      const m = STAMP.exec(cols[0]);
      time = m ? stampTime(m[1], m[2]) : null;
      who = { user: cols[1], db: cols[2], client: cols[4] };
    } else {
      const m = STAMP.exec(e.text)!;
      time = stampTime(m[1], m[2]);
      const mark = e.text.search(AUDIT_MARK);
      const prefix = mark < 0 ? e.text : e.text.slice(0, mark);
      const at = USER_AT_DB.exec(prefix);
      who = {
        user: at?.[1] ?? USER_EQ.exec(prefix)?.[1],
        db: at?.[2] ?? DB_EQ.exec(prefix)?.[1],
        client: IPV4.exec(prefix.slice(m[0].length))?.[1],
      };
      message = e.text;
    }
    if (!AUDIT_MARK.test(message)) {
      stats.other++;
      continue;
    }
    audits++;
    const fields = auditFields(message, e.lineNo);
    if (!time) {
      stats.add(
        { ok: false, reason: "time not readable (write the log with log_timezone = 'UTC' or a numeric offset)" },
        e.lineNo,
      );
      continue;
    }
    const r = row(e.lineNo, time, who, fields, e.text);
    stats.add({ ok: true, row: r, shape }, e.lineNo);
    yield r;
  }
  if (!audits)
    refuse("invalid-content", 'The log holds no pgaudit entries (no line with "AUDIT: SESSION," or "AUDIT: OBJECT,").');
}

// Timestamps as tools write them: ISO 8601 with or without a zone (no zone is read as UTC, which is
// what CI runners use), more than three fractional digits, or epoch seconds / milliseconds.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MIN = Date.UTC(1970, 0, 1);
const MAX = Date.UTC(2200, 0, 1);

export function parseTime(value: unknown): Date | undefined {
  if (typeof value === "number" || typeof value === "bigint") return fromEpoch(Number(value));
  if (typeof value !== "string") return undefined;
  const s = value.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  // The common case, fast: full ISO 8601 in UTC with at most millisecond precision.
  if (s.length <= 24 && s.charCodeAt(s.length - 1) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return inRange(t);
  }
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone] = m;
    const ms = Number((frac + "000").slice(0, 3));
    let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, ms);
    if (zone && zone.toUpperCase() !== "Z") {
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
      if (!z) return undefined;
      const offset = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000;
      t -= z[1] === "+" ? offset : -offset;
    }
    return inRange(t);
  }
  // Anything else with an explicit zone that the platform can read ("Sun 13 Jul 2025 11:53:37 UTC").
  if (/(UTC|GMT|Z|[+-]\d{4})$/i.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : inRange(t);
  }
  return undefined;
}

function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return inRange(n > 1e11 ? n : n * 1000);
}

function inRange(t: number): Date | undefined {
  if (Number.isNaN(t) || t < MIN || t > MAX) return undefined;
  return new Date(t);
}

export function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

export function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

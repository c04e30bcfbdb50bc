// Whether a password is good enough for an account created outside the demo (npm run admin:create).
// Every check is a plain scan of the string: no regular expression runs over the password.
import { PASSWORD_RULES } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/seed/demo-users";

export const STRONG_PASSWORD_MIN_LENGTH = 12;

// Passwords that appear at the top of every leaked-password list, and our own published one.
const COMMON = new Set(
  [
    DEMO_PASSWORD,
    "password",
    "password1",
    "password123",
    "123456789012",
    "qwertyuiop",
    "letmein",
    "welcome",
    "admin",
    "administrator",
    "changeme",
    "iloveyou",
    "proofline",
    "trustno1",
    "passw0rd",
  ].map((p) => p.toLowerCase()),
);

function classes(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const ch of password) {
    if (ch >= "a" && ch <= "z") lower = true;
    else if (ch >= "A" && ch <= "Z") upper = true;
    else if (ch >= "0" && ch <= "9") digit = true;
    else other = true;
  }
  return [lower, upper, digit, other].filter(Boolean).length;
}

/** A password made of one character, or of a run like "abcdef…" / "123456…" (up or down). */
function trivial(password: string): boolean {
  const codes = [...password].map((c) => c.codePointAt(0)!);
  const same = codes.every((c) => c === codes[0]);
  const up = codes.every((c, i) => i === 0 || c === codes[i - 1] + 1);
  const down = codes.every((c, i) => i === 0 || c === codes[i - 1] - 1);
  return same || up || down;
}

/** "password2024!" → "password": the usual way a common password is dressed up. */
function withoutTrailingDigits(text: string): string {
  let end = text.length;
  while (end > 0 && "0123456789!.".includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Why the password is too weak, as a sentence, or null when it is acceptable. */
export function weakPasswordReason(password: string, about: { email?: string; name?: string } = {}): string | null {
  if (password.length < STRONG_PASSWORD_MIN_LENGTH)
    return `Use at least ${STRONG_PASSWORD_MIN_LENGTH} characters (this one has ${password.length}).`;
  if (password.length > PASSWORD_RULES.maxLength) return `Use at most ${PASSWORD_RULES.maxLength} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(withoutTrailingDigits(lower)))
    return "This password is on every list of common passwords (or it is the published demo password); choose another.";
  if (trivial(password))
    return "This password is one character repeated or a simple run of characters; choose another.";
  const local = about.email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && lower.includes(local)) return "The password must not contain the account's email name.";
  for (const part of (about.name ?? "").toLowerCase().split(" ")) {
    if (part.length >= 3 && lower.includes(part)) return "The password must not contain the person's name.";
  }
  if (password.length < 16 && classes(password) < 3)
    return "Use at least three of lower-case letters, capitals, digits and symbols, or a passphrase of 16 characters or more.";
  return null;
}

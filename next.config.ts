import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import { productionSecretProblem } from "./lib/secret-check";
import { testClockProblem } from "./lib/test-clock-guard";
import { API_CSP } from "./lib/csp";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // Production builds tell browsers to use HTTPS only, for two years (ignored on plain http://localhost).
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];
// Pages get a nonce-based policy from proxy.ts (lib/csp.ts); API answers and downloads are data only.
const apiHeaders = [{ key: "Content-Security-Policy", value: API_CSP }];

const nextConfig: NextConfig = {
  // The e2e suite builds into its own directory, so that it never disturbs a running `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Server-only packages loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["pg", "pg-copy-streams", "pg-boss", "saxes", "archiver", "@react-pdf/renderer", "pdf-lib"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: apiHeaders },
      { source: "/scim/:path*", headers: apiHeaders },
    ];
  },
  // SCIM clients are configured with a base URL ending in /scim/v2 (lib/scim; docs/security.md).
  async rewrites() {
    return [{ source: "/scim/v2/:path*", destination: "/api/scim/v2/:path*" }];
  },
};

export default function config(phase: string): NextConfig {
  // `next start` is production mode: refuse to serve with a missing or placeholder session secret.
  if (phase === PHASE_PRODUCTION_SERVER) {
    const problem = productionSecretProblem(process.env.NEXTAUTH_SECRET);
    if (problem) {
      console.error(`Proofline will not start in production mode: ${problem}`);
      process.exit(1);
    }
    const clockProblem = testClockProblem(process.env);
    if (clockProblem) {
      console.error(`Proofline will not start in production mode: ${clockProblem}`);
      process.exit(1);
    }
  }
  return nextConfig;
}

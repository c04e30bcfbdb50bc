import { connection } from "next/server";
import { StatusPage } from "@/components/shell/status-page";

// Rendered per request, never prerendered: a static page could not carry the request's CSP nonce
// (lib/csp.ts), and its scripts would be blocked.
export default async function NotFound() {
  await connection();
  return (
    <StatusPage title="Nothing here" testId="not-found">
      The page does not exist, or it belongs to something you cannot see.
    </StatusPage>
  );
}

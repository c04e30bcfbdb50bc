import Link from "next/link";
import { connection } from "next/server";

// Rendered per request, never prerendered: a static page could not carry the request's CSP nonce
// (lib/csp.ts), and its scripts would be blocked.
export default async function NotFound() {
  await connection();
  return (
    <main className="content" data-testid="not-found">
      <div className="empty">
        <h1>Nothing here</h1>
        <p>The page does not exist, or it belongs to something you cannot see.</p>
        <div className="actions">
          <Link className="btn" href="/">
            Back to the overview
          </Link>
        </div>
      </div>
    </main>
  );
}

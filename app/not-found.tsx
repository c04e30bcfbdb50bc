import Link from "next/link";

export default function NotFound() {
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

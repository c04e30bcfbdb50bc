import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="content" data-testid="forbidden">
      <div className="empty">
        <h1>You do not have access to this page</h1>
        <p>Your role does not include this area of Proofline. If you need it, ask an admin to change your role.</p>
        <div className="actions">
          <Link className="btn" href="/">
            Back to the overview
          </Link>
        </div>
      </div>
    </main>
  );
}

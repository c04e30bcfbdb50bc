/** The deployment's public key, so that an auditor can check a packet offline against it. */
export function SigningKeyCard({ fingerprint, pem }: { fingerprint: string; pem: string }) {
  return (
    <section className="card" aria-labelledby="key-title" data-testid="signing-key">
      <h2 id="key-title">Checking a packet</h2>
      <p>
        Every packet&apos;s manifest is signed with this deployment&apos;s Ed25519 key. Save the public key below as{" "}
        <code>key.pem</code> and run <code>node proofline.mjs verify packet.zip --public-key key.pem</code> with the CLI
        from <code>/cli/proofline.mjs</code> (or give <code>--server</code> and this site&apos;s address to fetch the
        key once and pin it). It checks every file&apos;s sha256 and the signature, names any file that differs, and
        prints the key&apos;s fingerprint. It must be:
      </p>
      <p className="mono" data-testid="signing-key-fingerprint" style={{ wordBreak: "break-all" }}>
        {fingerprint}
      </p>
      <details>
        <summary>Public key (PEM), to pass with --public-key</summary>
        <pre>{pem}</pre>
      </details>
    </section>
  );
}

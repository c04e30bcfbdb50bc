"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { useRequestAction } from "@/components/audits/use-request-action";

export function CommentForm({ auditId, requestId }: { auditId: string; requestId: string }) {
  const [body, setBody] = useState("");
  const comment = useRequestAction<{ body: string }>(auditId, requestId, "comments");
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    comment.mutate({ body }, { onSuccess: () => setBody("") });
  }
  return (
    <form className="stack" onSubmit={onSubmit} data-testid="comment-form" noValidate>
      <ErrorMessage error={comment.error} />
      <Field label="Comment" error={fieldErrors(comment.error).body}>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} maxLength={5000} />
      </Field>
      <div>
        <button className="btn" type="submit" disabled={comment.isPending}>
          Add comment
        </button>
      </div>
    </form>
  );
}

export function AssignForm({
  auditId,
  requestId,
  owners,
  current,
}: {
  auditId: string;
  requestId: string;
  owners: Array<{ id: string; name: string; email: string }>;
  current: string;
}) {
  const [ownerId, setOwnerId] = useState(current);
  const assign = useRequestAction<{ ownerId: string | null }>(auditId, requestId, "", "PATCH");
  return (
    <section className="card" aria-labelledby="assign-title">
      <h2 id="assign-title">Owner</h2>
      <form
        className="row"
        data-testid="assign-form"
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate({ ownerId: ownerId || null });
        }}
      >
        <label htmlFor="req-owner" className="label">
          Owner
        </label>
        <select id="req-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
          <option value="">Unassigned</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.email})
            </option>
          ))}
        </select>
        <button className="btn" type="submit" disabled={assign.isPending || ownerId === current}>
          Assign
        </button>
      </form>
      <ErrorMessage error={assign.error} />
    </section>
  );
}

export function ReviewForm({ auditId, requestId }: { auditId: string; requestId: string }) {
  const [comment, setComment] = useState("");
  const review = useRequestAction<{ decision: "accept" | "return"; comment: string }>(auditId, requestId, "review");
  const errors = fieldErrors(review.error);
  const submit = (decision: "accept" | "return") =>
    review.mutate({ decision, comment }, { onSuccess: () => setComment("") });
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Review the answer</h2>
      <div className="stack" data-testid="review-form">
        <ErrorMessage error={review.error} />
        <Field label="Comment" hint="Required when you return the answer: say what is missing." error={errors.comment}>
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={5000} />
        </Field>
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={review.isPending}
            onClick={() => submit("accept")}
          >
            Accept
          </button>
          <button type="button" className="btn btn-danger" disabled={review.isPending} onClick={() => submit("return")}>
            Return with comment
          </button>
        </div>
      </div>
    </section>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * "Tentar novamente": asks the server to render the page again (the API calls are made again),
 * and says so while it waits. `onRetry` also runs (an error boundary's `reset`).
 */
export function RetryButton({ onRetry, className = "btn-primary" }: { onRetry?: () => void; className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={className}
      disabled={pending}
      aria-busy={pending}
      onClick={() =>
        startTransition(() => {
          router.refresh();
          onRetry?.();
        })
      }
    >
      {pending ? "Carregando…" : "Tentar novamente"}
    </button>
  );
}

/** A part of the page the API could not give (down, or slower than the timeout): the message and a retry. */
export function LoadFailed({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900" data-testid="load-failed">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      <p className="mt-2">
        <RetryButton className="btn-secondary btn-sm" />
      </p>
    </div>
  );
}

"use client";

import Link from "next/link";
import { RetryButton } from "@/components/ui/retry-button";

/** A page the API could not give (down, slow past the timeout, a server error): say so, offer a retry. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg py-12 text-center" role="alert" data-testid="error-page">
      <h1 className="text-3xl font-bold">Algo deu errado</h1>
      <p className="mt-3 text-stone-700">Não conseguimos carregar esta página agora: o servidor está lento ou fora do ar. Tente novamente em instantes.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <RetryButton onRetry={reset} />
        <Link href="/" className="btn-secondary">
          Ir para o início
        </Link>
      </div>
    </div>
  );
}

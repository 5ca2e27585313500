"use client";

import Link from "next/link";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg py-12 text-center" role="alert">
      <h1 className="text-3xl font-bold">Algo deu errado</h1>
      <p className="mt-3 text-stone-700">Não conseguimos carregar esta página agora. Tente de novo em instantes.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <button type="button" onClick={reset} className="btn-primary">
          Tentar de novo
        </button>
        <Link href="/" className="btn-secondary">
          Ir para o início
        </Link>
      </div>
    </div>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Erro 404</p>
      <h1 className="mt-2 text-3xl font-bold">Página não encontrada</h1>
      <p className="mt-3 text-stone-700">O endereço pode estar errado, ou o mutirão não está mais visível.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Link href="/eventos" className="btn-primary">
          Ver mutirões
        </Link>
        <Link href="/" className="btn-secondary">
          Ir para o início
        </Link>
      </div>
    </div>
  );
}

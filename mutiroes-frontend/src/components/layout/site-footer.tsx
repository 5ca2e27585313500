import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-stone-600">
        <p>Mutirões — ação ambiental comunitária no Brasil.</p>
        <nav aria-label="Rodapé" className="flex flex-wrap gap-4">
          <Link href="/eventos">Encontrar mutirões</Link>
          <Link href="/impacto">Nosso impacto</Link>
          <Link href="/eventos/novo">Organizar um mutirão</Link>
          <Link href="/privacidade">Privacidade</Link>
          <Link href="/termos">Termos de uso</Link>
        </nav>
        <p className="w-full text-xs">
          Municípios: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0). Contorno do Brasil e mapas: © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>.
        </p>
      </div>
    </footer>
  );
}

export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Carregando mutirão…</span>
      <div className="h-4 w-32 rounded bg-stone-200" />
      <div className="h-10 w-3/4 rounded bg-stone-200" />
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="card h-64" />
        <div className="card h-48" />
      </div>
    </div>
  );
}

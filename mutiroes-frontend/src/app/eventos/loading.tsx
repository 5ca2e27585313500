export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Carregando mutirões…</span>
      <div className="mb-6 h-9 w-48 rounded bg-stone-200" />
      <div className="card mb-6 h-40" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="card h-40" />
        ))}
      </div>
    </div>
  );
}

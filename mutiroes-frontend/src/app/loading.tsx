export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex justify-center py-16 text-stone-600">
      Carregando…
    </div>
  );
}

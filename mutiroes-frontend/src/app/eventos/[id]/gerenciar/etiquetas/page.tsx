import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { create } from "qrcode";
import { orThrow } from "@/lib/api/client";
import { listBags } from "@/lib/api/custody";
import { getEvent, listMaterials } from "@/lib/api/events";
import { requireUser } from "@/lib/auth-guard";
import { qrPath } from "@/lib/checkin/qr-path";
import { formatNumber } from "@/lib/format";
import { parseId } from "@/lib/route-params";

export const metadata: Metadata = { title: "Etiquetas dos sacos", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/** A printable sheet: one label per bag with its QR code (the bag's label), material and weight. */
export default async function BagLabelsPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  await requireUser(`/eventos/${id}/gerenciar/etiquetas`);
  const [event, bags] = await Promise.all([getEvent(id), listBags(id)]);
  if (!event.ok || !bags.ok) notFound();
  const labels = new Map(orThrow(await listMaterials()).map((m) => [m.key, m.label]));
  return (
    <div className="space-y-4">
      <div className="print:hidden">
        <h1 className="text-2xl font-bold">Etiquetas dos sacos</h1>
        <p className="text-stone-700">
          {event.data.title} · {bags.data.length} {bags.data.length === 1 ? "saco" : "sacos"}. Imprima esta página (Ctrl+P) e cole uma etiqueta em cada saco.{" "}
          <Link href={`/eventos/${id}/gerenciar`}>Voltar ao painel</Link>
        </p>
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 print:grid-cols-3">
        {bags.data.map((bag) => {
          const { modules } = create(`MUTIROES-SACO:${bag.label}`, { errorCorrectionLevel: "M" });
          const { side, d } = qrPath({ size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) });
          return (
            <li key={bag.id} className="break-inside-avoid rounded-lg border border-stone-300 p-3 text-center">
              <svg role="img" aria-label={`QR code do saco ${bag.label}`} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges" className="mx-auto h-32 w-32">
                <rect width={side} height={side} fill="#fff" />
                <path d={d} fill="#000" />
              </svg>
              <p className="font-mono text-lg font-semibold">{bag.label}</p>
              <p className="text-sm">
                {labels.get(bag.material) ?? bag.material} · {formatNumber(bag.weight_kg, 2)} kg
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

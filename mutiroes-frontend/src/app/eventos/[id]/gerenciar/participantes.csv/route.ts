import { apiResponse } from "@/lib/api/client";
import { parseId } from "@/lib/route-params";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id) return new Response("Não encontrado", { status: 404 });
  const upstream = await apiResponse(`/api/events/${id}/participants.csv`);
  if (!upstream.ok) {
    const status = upstream.status === 401 || upstream.status === 403 || upstream.status === 404 ? upstream.status : 502;
    return new Response(status === 403 ? "Acesso restrito" : "Não foi possível exportar", { status });
  }
  return new Response(await upstream.arrayBuffer(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="mutirao-${id}-participantes.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

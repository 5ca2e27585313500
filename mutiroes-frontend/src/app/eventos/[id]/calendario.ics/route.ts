import { apiResponse } from "@/lib/api/client";
import { parseId } from "@/lib/route-params";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id) return new Response("Não encontrado", { status: 404 });
  const upstream = await apiResponse(`/api/events/${id}/calendar.ics`);
  if (!upstream.ok) return new Response("Não encontrado", { status: upstream.status === 404 ? 404 : 502 });
  return new Response(await upstream.arrayBuffer(), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="mutirao-${id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}

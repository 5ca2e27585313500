import { fileResponse } from "@/lib/api/client";
import { downloadSeriesCalendar } from "@/lib/api/collectives";
import { parseId } from "@/lib/route-params";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id) return new Response("Não encontrado", { status: 404 });
  return fileResponse(await downloadSeriesCalendar(id), { contentType: "text/calendar; charset=utf-8", filename: `serie-${id}.ics` });
}

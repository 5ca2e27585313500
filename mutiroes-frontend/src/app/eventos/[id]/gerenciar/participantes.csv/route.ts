import { fileResponse } from "@/lib/api/client";
import { downloadParticipantsCsv } from "@/lib/api/events";
import { parseId } from "@/lib/route-params";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id) return new Response("Não encontrado", { status: 404 });
  return fileResponse(await downloadParticipantsCsv(id), { contentType: "text/csv; charset=utf-8", filename: `mutirao-${id}-participantes.csv` });
}

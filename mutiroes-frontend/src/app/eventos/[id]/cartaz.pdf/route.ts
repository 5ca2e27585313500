import { fileResponse } from "@/lib/api/client";
import { downloadPoster } from "@/lib/api/events";
import { parseId } from "@/lib/route-params";

/** The printable A4 poster, through the web app so an unlisted mutirão's organizer gets it too. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id) return new Response("Não encontrado", { status: 404 });
  return fileResponse(await downloadPoster(id), { contentType: "application/pdf", filename: `cartaz-mutirao-${id}.pdf` });
}

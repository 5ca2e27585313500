import { apiResponse } from "@/lib/api/client";

export async function GET(): Promise<Response> {
  const upstream = await apiResponse("/api/users/me/export/");
  if (!upstream.ok) return new Response("Não foi possível exportar seus dados.", { status: upstream.status === 401 ? 401 : 502, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(await upstream.arrayBuffer(), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="meus-dados-mutiroes.json"', "Cache-Control": "private, no-store" },
  });
}

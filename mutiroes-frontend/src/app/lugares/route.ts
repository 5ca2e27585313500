import { searchPlaces } from "@/lib/places/places";

/** Type-ahead for place fields: `/lugares?q=campi` → up to 8 municipalities, best first. */
export function GET(request: Request): Response {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 80);
  return Response.json(searchPlaces(q), { headers: { "Cache-Control": "public, max-age=86400" } });
}

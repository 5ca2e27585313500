import { NextResponse, type NextRequest } from "next/server";
import { sendAttendance } from "@/lib/api/field";
import { parseSyncRequest, fromThisSite } from "@/lib/field/sync-request";
import type { OperationAnswer } from "@/lib/field/queue";
import { parseId } from "@/lib/route-params";

type Context = { params: Promise<{ id: string }> };

const refuse = (status: number, message: string) => NextResponse.json({ message }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The field screen's queue, sent when there is signal: each operation goes to the API with its
 * device-made key, in order, and its answer comes back (the browser never holds a token; this
 * server adds the session). A 401 stops the batch: the rest waits for the person to sign in.
 */
export async function POST(request: NextRequest, { params }: Context): Promise<NextResponse> {
  const id = parseId((await params).id);
  if (!id) return refuse(404, "Mutirão não encontrado.");
  if (!fromThisSite(request.headers)) return refuse(403, "Envio recusado.");
  const operations = parseSyncRequest(await request.json().catch(() => null));
  if (!operations) return refuse(400, "Envio inválido.");
  const answers: OperationAnswer[] = [];
  for (const body of operations) {
    const answer = await sendAttendance(id, body);
    if (answer.ok) answers.push({ key: body.key, status: answer.status });
    else answers.push({ key: body.key, status: answer.status, message: answer.error.message, code: answer.error.code });
    if (!answer.ok && answer.status === 401) break;
  }
  return NextResponse.json({ answers }, { headers: { "Cache-Control": "no-store" } });
}

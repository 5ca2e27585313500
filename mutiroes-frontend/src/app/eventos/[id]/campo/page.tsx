import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FieldCheckIn } from "@/components/field/field-check-in";
import { Restricted } from "@/components/manage/restricted";
import { Alert } from "@/components/ui/alert";
import { listConfirmedParticipants } from "@/lib/api/field";
import { getEvent } from "@/lib/api/events";
import { requireUser } from "@/lib/auth-guard";
import { formatRange } from "@/lib/format";
import { parseId } from "@/lib/route-params";

export const metadata: Metadata = { title: "Check-in em campo", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/**
 * The organizer's check-in screen for the field: open it once with signal and it keeps working
 * without (the service worker keeps this page, the list is in it, the queue is on the device).
 */
export default async function FieldPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  const me = await requireUser(`/eventos/${id}/campo`);
  const eventAnswer = await getEvent(id);
  if (!eventAnswer.ok) notFound();
  const event = eventAnswer.data;
  const people = event.can_manage ? await listConfirmedParticipants(id) : null;
  if (!people || !people.ok) {
    return <Restricted id={id}>Só a organização deste mutirão pode fazer o check-in.</Restricted>;
  }
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-2">
        <nav aria-label="Trilha" className="flex flex-wrap gap-x-4 text-sm">
          <Link href={`/eventos/${id}/gerenciar`}>← Gerenciar</Link>
          <Link href={`/eventos/${id}/chamada`}>Chamada de segurança</Link>
        </nav>
        <h1 className="text-2xl font-bold">Check-in em campo: {event.title}</h1>
        <p className="text-stone-700">{formatRange(event.start, event.end)}</p>
        {!event.checkin_open ? (
          <Alert tone="warning">O check-in deste mutirão não está aberto agora: registros feitos fora do horário serão recusados ao enviar.</Alert>
        ) : null}
      </header>
      <FieldCheckIn
        eventId={id}
        viewerId={me.id}
        people={people.data.map((p) => ({ id: p.id, name: p.user.name, code: p.code, checkedInAt: p.checked_in_at, checkedOutAt: p.checked_out_at }))}
      />
    </div>
  );
}

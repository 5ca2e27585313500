import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptInvitationAction } from "@/lib/actions/collectives";
import { previewInvitation } from "@/lib/api/collectives";
import { getMe } from "@/lib/api/users";
import { ROLE_LABEL } from "@/lib/collectives";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Convite para um coletivo", robots: { index: false } };

type Props = { searchParams?: Promise<Record<string, string | undefined>> };

export default async function InvitationPage({ searchParams }: Props) {
  const token = ((await searchParams) ?? {}).token ?? "";
  const [preview, me] = await Promise.all([token ? previewInvitation(token) : Promise.resolve(null), getMe()]);
  if (!preview || !preview.ok) {
    return (
      <div className="mx-auto max-w-lg py-8">
        <Alert tone="danger" title="Convite indisponível">
          {preview && !preview.ok ? preview.error.message : "Este link de convite está incompleto."} <Link href="/coletivos">Ver os coletivos</Link>
        </Alert>
      </div>
    );
  }
  const invitation = preview.data;
  const here = `/coletivos/convite?token=${encodeURIComponent(token)}`;
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <PageHeader title={`Convite: ${invitation.collective.name}`} />
      <p>
        Você foi convidado(a) para <strong>{invitation.collective.name}</strong> como <strong>{ROLE_LABEL[invitation.role]}</strong>. O convite foi enviado para{" "}
        <strong>{invitation.email}</strong> e vale até {formatDate(invitation.expires_at)}.
      </p>
      {me ? (
        <ActionForm action={acceptInvitationAction.bind(null, token)} label="Aceitar convite">
          <SubmitButton pendingText="Aceitando…">Aceitar convite</SubmitButton>
        </ActionForm>
      ) : (
        <p className="flex flex-wrap gap-2">
          <Link href={`/entrar?next=${encodeURIComponent(here)}`} className="btn-primary">
            Entrar para aceitar
          </Link>
          <Link href={`/cadastro?next=${encodeURIComponent(here)}`} className="btn-secondary">
            Criar conta com {invitation.email}
          </Link>
        </p>
      )}
    </div>
  );
}

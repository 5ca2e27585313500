import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordResetConfirmForm } from "@/components/auth/password-reset-forms";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Nova senha" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function PasswordResetConfirmPage({ searchParams }: Props) {
  const { uid, token } = await searchParams;
  return (
    <AuthCard title="Criar nova senha" footer={<Link href="/entrar">Voltar para entrar</Link>}>
      {uid && token ? (
        <PasswordResetConfirmForm uid={uid} token={token} />
      ) : (
        <Alert tone="danger" title="Link incompleto">
          Abra o link exatamente como chegou no seu e-mail, ou <Link href="/recuperar-senha">peça um novo</Link>.
        </Alert>
      )}
    </AuthCard>
  );
}

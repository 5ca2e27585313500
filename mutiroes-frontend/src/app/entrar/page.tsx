import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { getMe } from "@/lib/api/users";
import { safeNextPath } from "@/lib/site";

export const metadata: Metadata = { title: "Entrar" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next, "/eventos");
  if (await getMe()) redirect(next);
  return (
    <AuthCard
      title="Entrar"
      footer={
        <>
          Ainda não tem conta? <Link href={`/cadastro?next=${encodeURIComponent(next)}`}>Crie a sua</Link>
        </>
      }
    >
      <LoginForm next={next} />
    </AuthCard>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { getMe } from "@/lib/api/users";
import { safeNextPath } from "@/lib/site";

export const metadata: Metadata = { title: "Criar conta" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function RegisterPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(sp.next, "/eventos");
  if (await getMe()) redirect(next);
  return (
    <AuthCard
      title="Criar conta"
      footer={
        <>
          Já tem conta? <Link href={`/entrar?next=${encodeURIComponent(next)}`}>Entre</Link>
        </>
      }
    >
      <p className="mb-4 text-sm text-stone-600">Participe de mutirões perto de você e acompanhe suas horas de voluntariado.</p>
      <RegisterForm next={next} />
    </AuthCard>
  );
}

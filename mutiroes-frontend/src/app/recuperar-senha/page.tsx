import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordResetRequestForm } from "@/components/auth/password-reset-forms";

export const metadata: Metadata = { title: "Recuperar senha" };

export default function PasswordResetRequestPage() {
  return (
    <AuthCard title="Recuperar senha" footer={<Link href="/entrar">Voltar para entrar</Link>}>
      <p className="mb-4 text-sm text-stone-600">Informe seu e-mail e enviaremos um link para criar uma nova senha.</p>
      <PasswordResetRequestForm />
    </AuthCard>
  );
}

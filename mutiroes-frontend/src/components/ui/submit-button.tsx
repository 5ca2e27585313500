"use client";

import { useContext, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { FormPendingContext } from "./use-kept-form";

type Props = {
  children: ReactNode;
  pendingText?: string;
  className?: string;
  name?: string;
  value?: string;
};

/** A submit button that disables itself and says so while its form is being sent. */
export function SubmitButton({ children, pendingText = "Enviando…", className = "btn-primary", name, value }: Props) {
  const status = useFormStatus();
  const kept = useContext(FormPendingContext);
  const pending = status.pending || kept;
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending ? pendingText : children}
    </button>
  );
}

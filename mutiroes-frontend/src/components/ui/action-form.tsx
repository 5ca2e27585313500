"use client";

import { useActionState, type ReactNode } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  children: ReactNode;
  className?: string;
  /** Ask before sending (destructive actions). */
  confirm?: string;
  encType?: "multipart/form-data";
  /** Accessible name of the form. */
  label?: string;
};

/** A form bound to a Server Action that shows the action's message (success or error) after it. */
export function ActionForm({ action, children, className, confirm, label }: Props) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form
      action={formAction}
      className={className}
      aria-label={label}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {children}
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={`mt-2 text-sm ${state.ok ? "text-brand-800" : "text-red-700"}`}>
          {state.message}
          {state.fields && Object.keys(state.fields).length ? ` ${Object.values(state.fields).flat().join(" ")}` : null}
        </p>
      ) : null}
    </form>
  );
}

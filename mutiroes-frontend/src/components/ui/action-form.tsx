"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/lib/form-state";
import { FormPendingContext, useKeptForm } from "./use-kept-form";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  children: ReactNode;
  className?: string;
  /** Ask before sending (destructive actions). */
  confirm?: string;
  encType?: "multipart/form-data";
  /** Accessible name of the form. */
  label?: string;
  /** Keep the fields after success (a form that edits something); by default they are cleared. */
  keepOnSuccess?: boolean;
};

/** A form bound to a Server Action that shows the action's message (success or error) after it.
 * What was typed survives a refusal (useKeptForm); the message takes focus. */
export function ActionForm({ action, children, className, confirm, label, keepOnSuccess = false }: Props) {
  const { state, pending, summaryRef, formProps } = useKeptForm(action, { confirm, resetOnSuccess: !keepOnSuccess });
  return (
    <form {...formProps} className={className} aria-label={label}>
      <FormPendingContext value={pending}>{children}</FormPendingContext>
      {state.message ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role={state.ok ? "status" : "alert"}
          className={`mt-2 text-sm outline-none ${state.ok ? "text-brand-800" : "text-red-700"}`}
        >
          {state.message}
          {fieldNotes(state) ? ` ${fieldNotes(state)}` : null}
        </div>
      ) : null}
    </form>
  );
}

/** The field messages that add to the summary (one that repeats it is said once). */
function fieldNotes(state: FormState): string {
  return Object.values(state.fields ?? {})
    .flat()
    .filter((note) => note !== state.message)
    .join(" ");
}

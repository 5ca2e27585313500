"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { FormPendingContext, type KeptForm as KeptFormHandle } from "./use-kept-form";

type Props = {
  form: KeptFormHandle;
  children: ReactNode;
  className?: string;
  /** Title of the error summary. */
  errorTitle?: string;
  /** More text for the summary (errors of hidden fields). */
  extra?: string;
  /** Accessible name of the form. */
  label?: string;
};

/** The <form> of {@link useKeptForm}: its summary (error, or success) first, then the fields. */
export function KeptForm({ form, children, className, errorTitle, extra, label }: Props) {
  const { state, pending, summaryRef, formProps } = form;
  return (
    <form {...formProps} className={className} aria-label={label} noValidate>
      <FormPendingContext value={pending}>
        {state.message ? (
          <Alert tone={state.ok ? "success" : "danger"} title={state.ok ? undefined : errorTitle} ref={summaryRef}>
            {state.message}
            {extra ? ` ${extra}` : null}
            {state.link ? (
              <>
                {" "}
                <Link href={state.link.href} className="font-semibold">
                  {state.link.label}
                </Link>
              </>
            ) : null}
          </Alert>
        ) : null}
        {children}
      </FormPendingContext>
    </form>
  );
}

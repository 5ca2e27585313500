"use client";

import { createContext, startTransition, useActionState, useEffect, useRef, type FormEvent, type RefObject } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";

/** True while a form sent by {@link useKeptForm} waits for its action (read by SubmitButton). */
export const FormPendingContext = createContext(false);

type Options = {
  /** Clear the fields after a successful answer (a comment box); the default keeps them. */
  resetOnSuccess?: boolean;
  /** Ask before sending (destructive actions). */
  confirm?: string;
};

export type KeptForm = {
  state: FormState;
  pending: boolean;
  formRef: RefObject<HTMLFormElement | null>;
  /** The error summary: focused and scrolled to after a refused submit. */
  summaryRef: RefObject<HTMLDivElement | null>;
  formProps: {
    action: (form: FormData) => void;
    onSubmit: (e: FormEvent<HTMLFormElement>) => void;
    ref: RefObject<HTMLFormElement | null>;
  };
};

/**
 * A form bound to a Server Action that never loses what was typed. React resets a form after its
 * action returns, which sets every <select> back to its first rendered option and empties password
 * fields; here the submit is dispatched by hand (the `action` prop stays for the moment before
 * hydration), so the fields keep exactly what the person entered. After a refusal, focus and
 * scroll go to the error summary.
 */
export function useKeptForm(action: (prev: FormState, form: FormData) => Promise<FormState>, options: Options = {}): KeptForm {
  const [state, dispatch, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const { resetOnSuccess = false, confirm } = options;

  useEffect(() => {
    if (state.ok === false && state.message) {
      summaryRef.current?.focus();
      summaryRef.current?.scrollIntoView({ block: "center" });
    } else if (state.ok && resetOnSuccess) {
      formRef.current?.reset();
    }
  }, [state, resetOnSuccess]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    if (confirm && !window.confirm(confirm)) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };

  return { state, pending, formRef, summaryRef, formProps: { action: dispatch, onSubmit, ref: formRef } };
}

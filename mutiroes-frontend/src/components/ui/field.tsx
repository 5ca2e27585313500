import type { ReactNode } from "react";

type Props = {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: ReactNode;
  className?: string;
};

/** A label, the control, an optional hint and the API's messages for this field. The control must use `id` and describe itself with `${id}-hint ${id}-error`. */
export function Field({ id, label, errors, hint, children, className }: Props) {
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** aria props for a control inside <Field>. */
export function describedBy(id: string, errors?: string[], hint?: string): { "aria-describedby"?: string; "aria-invalid"?: true } {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return { ...(ids ? { "aria-describedby": ids } : {}), ...(errors?.length ? { "aria-invalid": true as const } : {}) };
}

import type { ReactNode, Ref } from "react";

const TONES = {
  success: "border-brand-200 bg-brand-50 text-brand-900",
  info: "border-sky-200 bg-sky-50 text-sky-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  danger: "border-red-300 bg-red-50 text-red-900",
  neutral: "border-stone-200 bg-stone-100 text-stone-800",
} as const;

export type Tone = keyof typeof TONES;

type AlertProps = {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  role?: "status" | "alert";
  /** A form's error summary takes focus after a refused submit (see useKeptForm). */
  ref?: Ref<HTMLDivElement>;
};

export function Alert({ tone = "info", title, children, role, ref }: AlertProps) {
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      className={`rounded-lg border px-4 py-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${TONES[tone]}`}
      role={role ?? (tone === "danger" ? "alert" : "status")}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-semibold ${TONES[tone]}`}>{children}</span>;
}

"use client";

import dynamic from "next/dynamic";
import { useRef, useState, type ReactNode } from "react";
import type { FormState } from "@/lib/form-state";

/** The camera scanner (and its QR decoder) is downloaded only when someone opens it. */
const QrScanner = dynamic(() => import("./qr-scanner").then((m) => m.QrScanner), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-stone-700">
      Carregando o leitor…
    </p>
  ),
});

type Props = {
  /** The check-in-by-code Server Action, bound to the mutirão. */
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  /** The manual code form, which stays usable while the scanner is open (or cannot open). */
  children: ReactNode;
};

/** "Check-in por código" plus an "Escanear QR" button that opens the camera scanner below it. */
export function QrCheckIn({ action, children }: Props) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className={open ? "w-full space-y-3" : "space-y-3"}>
      <div className="flex flex-wrap items-end gap-2">
        {children}
        <button ref={toggle} type="button" className="btn-secondary" aria-expanded={open} aria-controls="leitor-qr" onClick={() => (open ? close() : setOpen(true))}>
          {open ? "Fechar leitor" : "Escanear QR"}
        </button>
      </div>
      <div id="leitor-qr">{open ? <QrScanner action={action} onClose={close} /> : null}</div>
    </div>
  );
}

"use client";

import { useRef } from "react";
import { logout } from "@/lib/actions/auth";
import { forgetDevice } from "@/lib/field/device";

/** "Sair": first forgets what this device kept (pages kept offline, the check-in queue), then signs out. */
export function LogoutButton() {
  const form = useRef<HTMLFormElement>(null);
  const forgotten = useRef(false);
  return (
    <form
      ref={form}
      action={logout}
      onSubmit={(event) => {
        if (forgotten.current) return;
        event.preventDefault();
        void forgetDevice().finally(() => {
          forgotten.current = true;
          form.current?.requestSubmit();
        });
      }}
    >
      <button type="submit" className="btn-ghost w-full justify-start">
        Sair
      </button>
    </form>
  );
}

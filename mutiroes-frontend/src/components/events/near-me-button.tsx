"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";

type Props = { label?: string; className?: string; paramName?: string; pageParam?: string };

/** Asks the browser for the position and puts it in the URL (`perto=lat,lng`). Nothing leaves the browser otherwise. */
export function NearMeButton({ label = "Perto de mim", className = "btn-secondary", paramName = "perto", pageParam = "pagina" }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [state, setState] = useState<"idle" | "locating" | "denied" | "unavailable">("idle");
  // The list for the new position is rendered on the server: say so until it arrives.
  const [searching, startSearch] = useTransition();

  function locate() {
    if (!("geolocation" in navigator)) {
      setState("unavailable");
      return;
    }
    setState("locating");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const params = new URLSearchParams(searchParams.toString());
        params.set(paramName, `${pos.coords.latitude.toFixed(4)},${pos.coords.longitude.toFixed(4)}`);
        params.delete(pageParam);
        setState("idle");
        startSearch(() => router.push(`${pathname}?${params.toString()}`));
      },
      (err) => setState(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  }

  return (
    <div className="flex flex-col gap-1">
      <button type="button" onClick={locate} className={className} disabled={state === "locating" || searching}>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="3" />
          <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
          <circle cx="12" cy="12" r="8" />
        </svg>
        {state === "locating" ? "Localizando…" : searching ? "Buscando mutirões…" : label}
      </button>
      <p role="status" aria-live="polite" className="text-xs text-stone-600">
        {state === "denied" ? "Sem permissão de localização. Escolha uma cidade no filtro." : null}
        {state === "unavailable" ? "Não foi possível obter sua localização. Escolha uma cidade." : null}
      </p>
    </div>
  );
}

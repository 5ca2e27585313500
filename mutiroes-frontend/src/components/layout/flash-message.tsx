"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { flashFrom, withoutFlash } from "@/lib/flash";

/** Shows the confirmation a redirect carried (lib/flash.ts) once, on that page only, and takes
 * the flag out of the address so a reload does not repeat it. A newer one replaces it. */
export function FlashMessage() {
  const params = useSearchParams();
  const pathname = usePathname();
  const [shown, setShown] = useState<{ path: string; message: string } | null>(null);

  useEffect(() => {
    const flash = flashFrom(params);
    if (!flash) return;
    setShown({ path: pathname, message: flash.message });
    window.history.replaceState(null, "", `${pathname}${withoutFlash(params)}${window.location.hash}`);
  }, [params, pathname]);

  if (!shown || shown.path !== pathname) return null;
  return (
    <div className="mb-4" data-testid="flash">
      <Alert tone="success">{shown.message}</Alert>
    </div>
  );
}

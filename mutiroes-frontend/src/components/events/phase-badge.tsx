import { Badge } from "@/components/ui/alert";
import type { EventPhase } from "@/lib/api/types";
import { EVENT_PHASE_LABEL } from "@/lib/format";

/** The mutirão's phase as the API states it; `quiet` hides the ordinary "Publicado". */
export function PhaseBadge({ phase, quiet = false }: { phase: EventPhase; quiet?: boolean }) {
  if (quiet && phase === "upcoming") return null;
  const tone = phase === "cancelled" ? "danger" : phase === "running" ? "success" : phase === "upcoming" ? "info" : "neutral";
  return (
    <span data-testid="event-phase">
      <Badge tone={tone}>{EVENT_PHASE_LABEL[phase]}</Badge>
    </span>
  );
}

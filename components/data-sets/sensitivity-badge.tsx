import { humanize } from "@/components/lists/list-controls";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { Sensitivity } from "@/lib/validation/data-sets";

const SENSITIVITY_VARIANT: Record<Sensitivity, BadgeVariant> = {
  public: "neutral",
  internal: "info",
  confidential: "warning",
  restricted: "danger",
};

/** Sensitivity coloured by how much harm a leak would do; the same everywhere it appears. */
export function SensitivityBadge({ sensitivity }: { sensitivity: Sensitivity }) {
  return (
    <Badge variant={SENSITIVITY_VARIANT[sensitivity]}>
      <span className="sr-only">Sensitivity: </span>
      {humanize(sensitivity)}
    </Badge>
  );
}

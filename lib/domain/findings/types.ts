import type { SQL } from "drizzle-orm";
import type { FINDING_SEVERITIES } from "@/db/schema/enums";
import type { ControlId } from "./controls";
import type { FINDING_TARGET_TYPES } from "@/lib/validation/findings";
import type { FrameworkItemId } from "./frameworks";

export type Severity = (typeof FINDING_SEVERITIES)[number];
export type FindingTargetType = (typeof FINDING_TARGET_TYPES)[number];

/**
 * One risk rule. `query(now)` is a single set-based SELECT returning one row
 * per target that currently meets the condition, as
 * `(target_id uuid, owner_id uuid|null, details jsonb)`; the refresh diffs it
 * against the live findings. `query: null` marks a rule raised and resolved
 * by another process (hook delivery raises `revocation-unconfirmed`): it is
 * catalogued here so it shows with its framework references, but the refresh
 * never touches its findings (except reopening expired risk acceptances).
 *
 * `now` is an ISO string (postgres.js untyped parameters); rules compare times
 * against it rather than the database clock so tests and the benchmark can
 * evaluate any moment.
 */
export type Rule = {
  id: string;
  title: string;
  severity: Severity;
  targetType: FindingTargetType;
  frameworks: readonly FrameworkItemId[];
  /** What the condition is, in one sentence. */
  description: string;
  /** What the accountable owner does to clear it. */
  remediation: string;
  /** Who the finding is assigned to (DESIGN.md invariant 6). */
  owner: string;
  /** Product controls that prevent or address the condition. */
  controls: readonly ControlId[];
  query: ((now: string) => SQL) | null;
};

import * as React from "react";
import { humanize } from "@/components/lists/list-controls";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { z } from "zod";
import type { IdentityDetail } from "@/lib/domain/identities/get-identity";
import type { classification, nhiStatus, provider } from "@/lib/validation/identities";

type Provider = z.infer<typeof provider>;
type NhiStatus = z.infer<typeof nhiStatus>;
type Classification = z.infer<typeof classification>;
type CredentialStatus = IdentityDetail["credentials"][number]["status"];

export const PROVIDER_LABEL: Record<Provider, string> = {
  aws: "AWS",
  gcp: "Google Cloud",
  azure: "Azure",
  kubernetes: "Kubernetes",
  github: "GitHub",
  okta: "Okta",
  openai: "OpenAI",
  snowflake: "Snowflake",
  custom: "Custom",
};

const NHI_STATUS_VARIANT: Record<NhiStatus, BadgeVariant> = {
  active: "success",
  suspended: "warning",
  decommissioned: "outline",
};

const CREDENTIAL_STATUS_VARIANT: Record<CredentialStatus, BadgeVariant> = {
  active: "success",
  rotated: "neutral",
  revoked: "danger",
  expired: "outline",
};

export function NhiStatusBadge({ status }: { status: NhiStatus }) {
  return <Badge variant={NHI_STATUS_VARIANT[status]}>{humanize(status)}</Badge>;
}

export function ClassificationBadge({ classification }: { classification: Classification }) {
  return <Badge variant={classification === "privileged" ? "warning" : "neutral"}>{humanize(classification)}</Badge>;
}

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  return <Badge variant={CREDENTIAL_STATUS_VARIANT[status]}>{humanize(status)}</Badge>;
}

export function ReusedBadge() {
  return (
    <Badge variant="warning" title="One identity serving several workflows blurs accountability (OWASP NHI9)">
      Reused
    </Badge>
  );
}

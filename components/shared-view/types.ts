import type { AccessMap } from "@/lib/domain/workflows/get-access-map";

export type { AccessMap };
export type MapEntitlement = AccessMap["entitlements"][number];
export type MapCredential = AccessMap["credentials"][number];
export type MapIdentity = AccessMap["identities"][number];
export type MapRevocation = AccessMap["recentRevocations"][number];
export type Risk = MapEntitlement["risk"];

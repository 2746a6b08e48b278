import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { TBody, TD, TActionsHead, TH, THead, TR, Table } from "@/components/ui/table";
import type { ApiKeyScope } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/utils";
import { When } from "@/components/ui/when";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";
import { ScopeBadges } from "./scopes";

export type ApiKeyListItem = {
  id: string;
  name: string;
  userEmail: string;
  prefix: string;
  scopes: readonly ApiKeyScope[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

type Status = "Active" | "Expired" | "Revoked";

const STATUS_VARIANT: Record<Status, BadgeVariant> = { Active: "success", Expired: "warning", Revoked: "neutral" };

function statusOf(key: ApiKeyListItem, now: Date): Status {
  if (key.revokedAt) return "Revoked";
  if (key.expiresAt && key.expiresAt <= now) return "Expired";
  return "Active";
}

export function ApiKeysTable({ keys }: { keys: readonly ApiKeyListItem[] }) {
  const now = new Date();
  return (
    <Table>
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>Owner</TH>
          <TH>Key</TH>
          <TH>Scopes</TH>
          <TH>Expires</TH>
          <TH>Last used</TH>
          <TH>Status</TH>
          <TActionsHead />
        </TR>
      </THead>
      <TBody>
        {keys.map((key) => {
          const status = statusOf(key, now);
          return (
            <TR key={key.id}>
              <TD className="font-medium">{key.name}</TD>
              <TD className="text-muted-foreground">{key.userEmail}</TD>
              <TD>
                <code className="font-mono text-xs">{key.prefix}…</code>
              </TD>
              <TD>
                <ScopeBadges scopes={key.scopes} />
              </TD>
              <TD className="whitespace-nowrap">
                <When value={key.expiresAt} now={now} />
              </TD>
              <TD className="whitespace-nowrap">
                <When value={key.lastUsedAt} now={now} relative />
              </TD>
              <TD>
                <Badge
                  variant={STATUS_VARIANT[status]}
                  title={key.revokedAt ? `Revoked ${formatDateTime(key.revokedAt)}` : undefined}
                >
                  {status}
                </Badge>
              </TD>
              <TD className="text-right">
                {status === "Revoked" ? null : (
                  <RevokeApiKeyDialog apiKey={{ id: key.id, name: key.name, prefix: key.prefix }} />
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

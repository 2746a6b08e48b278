import { Badge } from "@/components/ui/badge";
import { TBody, TD, TActionsHead, TH, THead, TR, Table } from "@/components/ui/table";
import type { Role } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/utils";
import { EditRolesDialog } from "./edit-roles-dialog";
import { RoleBadges } from "./roles";
import { UserStatusDialog } from "./user-status-dialog";

export type UserListItem = {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
  active: boolean;
  deactivatedAt: Date | null;
  createdAt: Date;
};

export type UsersTableProps = {
  users: readonly UserListItem[];
  /** Shows the edit and (de)activation controls; the actions check users.manage again on the server. */
  canManage: boolean;
  currentUserId: string | null;
};

export function UsersTable({ users, canManage, currentUserId }: UsersTableProps) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>E-mail</TH>
          <TH>Roles</TH>
          <TH>Status</TH>
          <TH>Created</TH>
          {canManage ? <TActionsHead /> : null}
        </TR>
      </THead>
      <TBody>
        {users.map((user) => {
          const self = user.id === currentUserId;
          return (
            <TR key={user.id}>
              <TD className="font-medium">
                {user.name}
                {self ? " " : null}
                {self ? (
                  <Badge variant="outline" className="ml-2">
                    You
                  </Badge>
                ) : null}
              </TD>
              <TD className="text-muted-foreground">{user.email}</TD>
              <TD>
                <RoleBadges roles={user.roles} />
              </TD>
              <TD>
                {user.active ? (
                  <Badge variant="success">Active</Badge>
                ) : (
                  <Badge variant="neutral" title={`Deactivated ${formatDateTime(user.deactivatedAt)}`}>
                    Deactivated
                  </Badge>
                )}
              </TD>
              <TD className="whitespace-nowrap text-muted-foreground">
                <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt)}</time>
              </TD>
              {canManage ? (
                <TD className="text-right whitespace-nowrap">
                  <EditRolesDialog user={{ id: user.id, name: user.name, roles: user.roles }} />
                  {/* The domain refuses self-deactivation; not offering it avoids a dead-end dialog. */}
                  {self ? null : <UserStatusDialog user={{ id: user.id, name: user.name, active: user.active }} />}
                </TD>
              ) : null}
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

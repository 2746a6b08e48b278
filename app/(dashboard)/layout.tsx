import { AppShell } from "@/components/shell/app-shell";
import { countMyUnreadNotifications } from "@/lib/domain/notifications/notifications";
import { getUser } from "@/lib/domain/users/users";
import { requirePageActor } from "@/lib/server/page-actor";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const [user, unread] = await Promise.all([getUser(actor, actor.userId!), countMyUnreadNotifications(actor)]);
  return (
    <AppShell user={{ name: user.name, email: user.email, roles: [...user.roles] }} unreadNotifications={unread}>
      {children}
    </AppShell>
  );
}

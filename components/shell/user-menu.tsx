"use client";

import * as React from "react";
import { signOut } from "next-auth/react";
import { ChevronDown, LogOut } from "lucide-react";
import { cn, focusRing } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ThemeMenuItems } from "@/components/ui/theme-toggle";

export type UserMenuProps = {
  user: { name: string; email: string; roles: string[] };
};

function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

function roleLabel(role: string): string {
  const text = role.replace(/[_-]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function UserMenu({ user }: UserMenuProps) {
  const displayName = user.name.trim() || user.email;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          "inline-flex h-9 items-center gap-2 rounded-md px-1.5 text-sm text-foreground hover:bg-accent data-[state=open]:bg-accent",
          focusRing,
        )}
        aria-label={`${displayName}, account menu`}
      >
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded-full bg-primary/15 text-xs font-semibold text-primary"
        >
          {initials(user.name, user.email)}
        </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{displayName}</span>
        <ChevronDown aria-hidden="true" className="hidden size-3.5 text-muted-foreground sm:block" />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <DropdownMenuLabel className="grid gap-0.5 py-2 font-normal">
          <span className="truncate text-sm font-medium text-foreground">{displayName}</span>
          <span className="truncate text-xs text-muted-foreground">{user.email}</span>
          {user.roles.length > 0 ? (
            <span className="mt-1.5 flex flex-wrap gap-1">
              {user.roles.map((role) => (
                <Badge key={role} variant={role === "admin" ? "info" : "neutral"}>
                  {roleLabel(role)}
                </Badge>
              ))}
            </span>
          ) : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <ThemeMenuItems />
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: "/signin" })}>
          <LogOut aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

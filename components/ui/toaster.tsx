"use client";

import { Toaster as Sonner } from "sonner";
import { useTheme } from "next-themes";

export function Toaster() {
  const { theme } = useTheme();
  const current = theme === "light" || theme === "dark" ? theme : "system";
  return (
    <Sonner
      theme={current}
      richColors
      closeButton
      position="bottom-right"
      toastOptions={{ className: "font-sans text-sm" }}
    />
  );
}

"use client";

import * as React from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Copies a value to the clipboard; the icon confirms for a moment and a toast says what was copied. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = React.useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast.success(`Copied ${label.toLowerCase()}`);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error("The browser did not allow copying; select the text and copy it instead.");
    }
  }

  return (
    <Button type="button" variant="ghost" size="icon" className="size-7" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
      {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
    </Button>
  );
}

"use client";

import * as React from "react";
import { toast } from "sonner";
import { Copy, TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** The one and only display of a new key's plaintext. */
export function CreatedKey({ value }: { value: string }) {
  const inputRef = React.useRef<HTMLInputElement>(null);

  // The submit button that had focus is gone; land on the key so it can be copied straight away.
  React.useEffect(() => inputRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      toast.success("Key copied to the clipboard.");
    } catch {
      inputRef.current?.select();
      toast.error("Could not copy automatically. The key is selected: copy it with Ctrl+C or ⌘C.");
    }
  }

  return (
    <div className="grid gap-4">
      <p
        role="alert"
        className="flex items-start gap-2 rounded-md border border-warning/30 bg-warning/10 p-3 text-sm text-warning"
      >
        <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        Copy this key now. It is stored only as a hash and cannot be shown again.
      </p>
      <Field label="API key" htmlFor="new-api-key-value">
        <Input
          ref={inputRef}
          readOnly
          value={value}
          spellCheck={false}
          className="font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
      </Field>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={copy}>
          <Copy aria-hidden="true" />
          Copy
        </Button>
        <DialogClose asChild>
          <Button type="button">Done</Button>
        </DialogClose>
      </DialogFooter>
    </div>
  );
}

"use client";

import * as React from "react";
import { toast } from "sonner";
import { Copy, TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type ShownOnceValueProps = {
  id: string;
  label: string;
  value: string;
  /** What the copy toasts call the value, when shorter than the label ("Key" for "API key"). */
  noun?: string;
  /** A warning that the value cannot be shown again; omit for values that are public anyway. */
  warning?: string;
  hint?: React.ReactNode;
};

/** A value to copy straight out of a dialog: a new API key or signing secret, or the key set that verifies CAEP tokens. */
export function ShownOnceValue({ id, label, value, noun = label, warning, hint }: ShownOnceValueProps) {
  const inputRef = React.useRef<HTMLInputElement>(null);

  // The submit button that had focus is gone; land on the value so it can be copied straight away.
  React.useEffect(() => inputRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      toast.success(`${noun} copied to the clipboard.`);
    } catch {
      inputRef.current?.select();
      toast.error(`Could not copy automatically. The ${noun.toLowerCase()} is selected: copy it with Ctrl+C or ⌘C.`);
    }
  }

  return (
    <div className="grid gap-4">
      {warning ? (
        <p
          role="alert"
          className="flex items-start gap-2 rounded-md border border-warning/30 bg-warning/10 p-3 text-sm text-warning"
        >
          <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {warning}
        </p>
      ) : null}
      <Field label={label} htmlFor={id} hint={hint}>
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

"use client";

import * as React from "react";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ListError } from "./form-section";
import { useFocusLater } from "./use-focus-later";
import { type Line, move, newLine } from "./workflow-form-model";

export type LineListFieldsProps = {
  lines: Line[];
  /** `structural` is true when lines are added, removed or moved, so errors under the list no longer fit. */
  onChange: (lines: Line[], structural: boolean) => void;
  /** Ids derive from it: `${idPrefix}-${index}` for each line's control, then `-add`, `-error`, `-up`, `-down`. */
  idPrefix: string;
  /** What a line is called in the buttons' accessible names: "step" → "Remove step 2". */
  noun: string;
  addLabel: string;
  max: number;
  /** Says what an empty list means. */
  empty: React.ReactNode;
  /** Errors about the list as a whole. */
  error?: string[];
  disabled?: boolean;
  /** Up and down buttons, for lists whose order matters. */
  reorderable?: boolean;
  /** The line's labelled field; `setValue` edits it in place. */
  renderField: (line: Line, index: number, id: string, setValue: (value: string) => void) => React.ReactNode;
};

/** An editable list of one-value lines (escalation steps, exception conditions) with add, remove and optional reordering. */
export function LineListFields({ lines, onChange, idPrefix, noun, addLabel, max, empty, error, disabled, reorderable, renderField }: LineListFieldsProps) {
  const focusLater = useFocusLater();

  function add() {
    onChange([...lines, newLine()], true);
    focusLater(`${idPrefix}-${lines.length}`);
  }

  function remove(index: number) {
    onChange(
      lines.filter((_, i) => i !== index),
      true,
    );
    focusLater(`${idPrefix}-add`);
  }

  function shift(index: number, by: -1 | 1) {
    const to = index + by;
    onChange(move(lines, index, to), true);
    // Keep focus on the same arrow unless the line reached the end it was moving towards.
    const atEdge = (by === -1 && to === 0) || (by === 1 && to === lines.length - 1);
    focusLater(atEdge ? `${idPrefix}-${to}` : `${idPrefix}-${to}-${by === -1 ? "up" : "down"}`);
  }

  return (
    <div className="grid gap-4">
      {lines.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ol className="grid gap-3">
          {lines.map((line, index) => {
            const n = index + 1;
            const id = `${idPrefix}-${index}`;
            const setValue = (value: string) => onChange(lines.map((l, i) => (i === index ? { ...l, value } : l)), false);
            const removeButton = (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => remove(index)}
                disabled={disabled}
                // Alone in the row it lines up with the control under the label; beside the arrows their box does.
                className={cn("text-danger hover:bg-danger/10 hover:text-danger", !reorderable && "sm:mt-5.5")}
              >
                <Trash2 aria-hidden="true" />
                Remove<span className="sr-only"> {noun} {n}</span>
              </Button>
            );
            return (
              <li key={line.key} className="flex flex-wrap items-start gap-2">
                {renderField(line, index, id, setValue)}
                {reorderable ? (
                  <div className="flex items-center gap-1 sm:mt-5">
                    <Button type="button" id={`${id}-up`} variant="ghost" size="icon" onClick={() => shift(index, -1)} disabled={disabled || index === 0}>
                      <ArrowUp aria-hidden="true" />
                      <span className="sr-only">
                        Move {noun} {n} up
                      </span>
                    </Button>
                    <Button
                      type="button"
                      id={`${id}-down`}
                      variant="ghost"
                      size="icon"
                      onClick={() => shift(index, 1)}
                      disabled={disabled || index === lines.length - 1}
                    >
                      <ArrowDown aria-hidden="true" />
                      <span className="sr-only">
                        Move {noun} {n} down
                      </span>
                    </Button>
                    {removeButton}
                  </div>
                ) : (
                  removeButton
                )}
              </li>
            );
          })}
        </ol>
      )}
      <ListError id={`${idPrefix}-error`} messages={error} />
      <div>
        <Button type="button" id={`${idPrefix}-add`} variant="outline" onClick={add} disabled={disabled || lines.length >= max}>
          <Plus aria-hidden="true" />
          {addLabel}
        </Button>
      </div>
    </div>
  );
}

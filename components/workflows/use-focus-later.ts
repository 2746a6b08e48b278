"use client";

import * as React from "react";

/**
 * Moves focus to an element that only exists after the next render: the
 * select of a row just added, or the button of a row just moved, so keyboard
 * users stay where they were working.
 */
export function useFocusLater() {
  const pending = React.useRef<string | null>(null);
  React.useEffect(() => {
    if (!pending.current) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return React.useCallback((id: string) => {
    pending.current = id;
  }, []);
}

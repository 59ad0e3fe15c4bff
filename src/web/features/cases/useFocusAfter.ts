import { useEffect, useState } from 'react';

/**
 * Moves the focus to an element once it is rendered: after a form closes,
 * focus returns to the control that opened it (or to the new item) instead
 * of falling back to the page body.
 */
export function useFocusAfter(): (id: string) => void {
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    document.getElementById(target)?.focus();
    setTarget(null);
  }, [target]);
  return setTarget;
}

import { useState } from 'react';
import { useFocusAfter } from './useFocusAfter';

/**
 * One form open at a time on a tab with many parts (the plan, children,
 * authors): which one, the success message, and where
 * the focus goes back when it closes (the button that opened it).
 */
export function usePartEditor(reset: () => void) {
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const focus = useFocusAfter();
  const close = (focusId: string) => {
    setEditing(null);
    focus(focusId);
  };
  return {
    editing,
    message,
    open(key: string) {
      reset();
      setMessage(null);
      setEditing(key);
    },
    close,
    done(text: string, focusId: string) {
      setMessage(text);
      close(focusId);
    },
  };
}

export type PartEditor = ReturnType<typeof usePartEditor>;

import { useEffect, useEffectEvent, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { useInstance } from '../api/session';
import { useAnnounce } from './Announcer';

/** Navigation state of a move inside the same page: the heading does not take the focus. */
export interface KeepFocus {
  keepFocus?: boolean;
}

interface Props {
  children: string;
  className?: string;
}

/**
 * The page's one `<h1>`. It also names the browser tab, and after a
 * client-side navigation takes the focus and is announced, so keyboard and
 * screen-reader users start reading the new page from its title.
 */
export function PageHeading({ children, className }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const announce = useAnnounce();
  const instanceName = useInstance().data?.name ?? 'Trama';

  useEffect(() => {
    document.title = `${children} – ${instanceName}`;
  }, [children, instanceName]);

  // An effect event: reads the current title without re-running the focus
  // effect when only the text changes (e.g. on a language switch).
  const onNavigated = useEffectEvent(() => {
    // A navigation within the page (a tab kept in the address) leaves the focus where she is.
    if ((location.state as KeepFocus | null)?.keepFocus) return;
    ref.current?.focus();
    announce(children);
  });

  useEffect(() => {
    // 'default' is the location the page was loaded with: the browser
    // itself announces a full page load, and stealing focus then would skip
    // the skip link.
    if (location.key !== 'default') onNavigated();
  }, [location.key]);

  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? 'mb-4'}>
      {children}
    </h1>
  );
}

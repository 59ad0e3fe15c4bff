import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * ARIA tabs (WAI-ARIA APG, automatic activation): one tab stop for the
 * list, the arrow keys move and select, Home and End jump to the ends.
 * Only the selected panel is rendered, so a tab's data is read when she
 * opens it (each read of a case part is audited).
 */
export function Tabs<K extends string>({
  id,
  label,
  items,
  selected,
  onSelect,
  children,
}: {
  id: string;
  label: string;
  items: readonly TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
  children: ReactNode;
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const tabId = (key: K) => `${id}-tab-${key}`;
  const panelId = `${id}-panel`;

  const move = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = items.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = items[target];
    if (!next) return;
    onSelect(next.key);
    refs.current.get(next.key)?.focus();
  };

  return (
    <>
      <ul className="nav nav-tabs case-tabs" role="tablist" aria-label={label}>
        {items.map((item, i) => {
          const active = item.key === selected;
          return (
            <li className="nav-item" role="presentation" key={item.key}>
              <button
                ref={(el) => {
                  if (el) refs.current.set(item.key, el);
                  else refs.current.delete(item.key);
                }}
                id={tabId(item.key)}
                type="button"
                role="tab"
                className={`nav-link ${active ? 'active' : ''}`}
                aria-selected={active}
                // Only the rendered panel may be referenced (a dangling id is an ARIA error).
                aria-controls={active ? panelId : undefined}
                tabIndex={active ? 0 : -1}
                onClick={() => onSelect(item.key)}
                onKeyDown={(e) => move(e, i)}
              >
                {item.label}
              </button>
            </li>
          );
        })}
      </ul>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(selected)} tabIndex={0} className="case-tabpanel">
        {children}
      </div>
    </>
  );
}

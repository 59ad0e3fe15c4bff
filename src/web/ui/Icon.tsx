import sprites from 'bootstrap-italia/dist/svg/sprites.svg?url';

/**
 * A Bootstrap Italia icon from the package's sprite, served by us (one
 * same-origin file; design-react-kit's <Icon> would add ~180 lazy chunks).
 * Decorative by default: the text next to it carries the meaning.
 */
export function Icon({ name, className }: { name: string; className?: string }) {
  return (
    <svg className={`icon ${className ?? ''}`.trim()} aria-hidden="true" focusable="false">
      <use href={`${sprites}#${name}`} />
    </svg>
  );
}

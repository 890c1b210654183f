import { ICONS, type IconName } from './icons';

/** A 24×24 icon from ICONS (or raw path data); decorative unless given a title. */
export function Icon({ name, path, size = 20, title }: { name?: IconName; path?: string; size?: number; title?: string }) {
  const d = path ?? (name ? ICONS[name] : ICONS.list);
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title && <title>{title}</title>}
      <path d={d} />
    </svg>
  );
}

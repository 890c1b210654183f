import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders children only once the placeholder scrolls near the viewport, so below-the-fold charts
 * and maps cost nothing on first load (phones on slow networks).
 */
export function WhenVisible({ children, minHeight, rootMargin = '0px' }: { children: ReactNode; minHeight: string; rootMargin?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (seen || !ref.current) return;
    if (typeof IntersectionObserver === 'undefined') return setSeen(true);
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), { rootMargin });
    io.observe(ref.current);
    return () => io.disconnect();
  }, [seen, rootMargin]);
  return (
    <div ref={ref} style={seen ? undefined : { minHeight }}>
      {seen ? children : null}
    </div>
  );
}

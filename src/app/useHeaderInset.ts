import { type RefObject, useEffect } from 'react';

/**
 * Keeps --header-visible on the page: how many pixels of the header are in the window now. The
 * row detail beside the view (views/RowDetail/drawer.css) is that much shorter than the window,
 * so it fills exactly the space below the header, never covers it, and never needs the page to
 * scroll to show its end (focusing it moves nothing).
 */
export function useHeaderInset(header: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = header.current;
    if (!el) return;
    const root = document.documentElement;
    let frame = 0;
    const update = () => {
      frame = 0;
      const visible = Math.max(0, el.getBoundingClientRect().bottom);
      root.style.setProperty('--header-visible', `${Math.round(visible)}px`);
    };
    const request = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    const ro = new ResizeObserver(request);
    ro.observe(el);
    window.addEventListener('scroll', request, { passive: true });
    window.addEventListener('resize', request);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      window.removeEventListener('scroll', request);
      window.removeEventListener('resize', request);
    };
  }, [header]);
}

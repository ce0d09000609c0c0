import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Width of an element's content box, without its padding, as a ResizeObserver reports it. */
function contentWidth(element: HTMLElement): number {
  const style = getComputedStyle(element);
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return Math.max(0, element.clientWidth - (Number.isFinite(padding) ? padding : 0));
}

/**
 * Width of an element's content box in CSS px, following resizes; 0 until it has been laid out.
 * The content box throughout: what is measured first and what the observer reports later agree.
 */
export function useElementWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setWidth(Math.floor(contentWidth(element)));
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);
  return [ref, width];
}

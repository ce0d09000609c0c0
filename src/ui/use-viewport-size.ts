import { useEffect, useState } from 'react';

export interface ViewportSize {
  readonly width: number;
  readonly height: number;
}

function current(): ViewportSize {
  return { width: window.innerWidth, height: window.innerHeight };
}

/** The window's inner size in CSS px, following resizes. */
export function useViewportSize(): ViewportSize {
  const [size, setSize] = useState(current);
  useEffect(() => {
    const onResize = () => {
      setSize(current());
    };
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return size;
}

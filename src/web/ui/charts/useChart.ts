import { useEffect, useRef, type RefObject } from 'react';
import { echarts, type EChartsCoreOption } from './echarts.js';

/**
 * Render an echarts option into a container; resizes with the container and
 * disposes on unmount. Returns the ref to put on the container element.
 */
export function useChart(option: EChartsCoreOption | null): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas', locale: 'EN' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option && chart.current) chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}

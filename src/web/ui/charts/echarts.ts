// echarts, imported module by module so the bundle only holds what Koers uses.
import * as echarts from 'echarts/core';
import { LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';

/**
 * The page's font for chart text. Canvas needs a concrete family list ("inherit" is not valid
 * there and silently falls back to 10px sans-serif), so read it from the document.
 */
export function chartFontFamily(): string {
  if (typeof document === 'undefined') return 'Arial, sans-serif';
  return getComputedStyle(document.body).fontFamily || 'Arial, sans-serif';
}

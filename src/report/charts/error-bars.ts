/**
 * Vertical error bars on a category axis, as an ECharts custom series: each item is
 * [categoryIndex, low, high]; `offset` shifts the bar to sit over its own bar of a group.
 */
export function errorBarSeries(
  name: string,
  items: readonly (readonly [number, number, number])[],
  offsetFraction: number,
  color = '#222',
): Record<string, unknown> {
  return {
    type: 'custom',
    name,
    silent: true,
    data: items.map((d) => [...d]),
    encode: { x: 0, y: [1, 2] },
    z: 10,
    renderItem: (
      _params: unknown,
      api: { value: (i: number) => number; coord: (p: number[]) => number[]; size: (p: number[]) => number[] },
    ) => {
      const x = api.value(0);
      const lowPt = api.coord([x, api.value(1)]);
      const highPt = api.coord([x, api.value(2)]);
      const band = api.size([1, 0])[0];
      const cx = lowPt[0] + band * offsetFraction;
      const half = Math.max(3, band * 0.06);
      const style = { stroke: color, lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: cx, y1: lowPt[1], x2: cx, y2: highPt[1] }, style },
          { type: 'line', shape: { x1: cx - half, y1: lowPt[1], x2: cx + half, y2: lowPt[1] }, style },
          { type: 'line', shape: { x1: cx - half, y1: highPt[1], x2: cx + half, y2: highPt[1] }, style },
        ],
      };
    },
  };
}

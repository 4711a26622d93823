import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 560, height: 340 });
chart.setOption({ animation: false, grid: { left: 60, right: 24, top: 44, bottom: 80 }, xAxis: { type: 'category', data: ['a','b','c'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [1,2,3] }] });
console.log(chart.convertToPixel({ seriesIndex: 0 }, [1, 2]), chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [2, 3]), chart.convertToPixel({ gridIndex: 0 }, ['c', 3]));

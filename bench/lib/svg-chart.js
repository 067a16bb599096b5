'use strict';
// A log-log line chart as standalone SVG, for bench/RESULTS.md: no plotting
// package needed, and the output is text that diffs in review.

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#7f7f7f'];

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decades(min, max) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
  return ticks;
}

const tickLabel = (v) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(Number(v.toPrecision(3))));

// series: [{ name, points: [[x, y], ...], dashed }]
function logLogChart({ title, xLabel, yLabel, series, width = 640, height = 420 }) {
  const margin = { left: 70, right: 20, top: 40, bottom: 55 };
  const all = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  if (all.length === 0) throw new Error(`chart "${title}" has no positive points`);
  const xs = decades(Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])));
  // Half a decade of room below, so a series lying on a decade is not drawn on the frame.
  const ys = decades(Math.min(...all.map((p) => p[1])) / 2, Math.max(...all.map((p) => p[1])));
  const [x0, x1] = [Math.log10(xs[0]), Math.log10(xs.at(-1))];
  const [y0, y1] = [Math.log10(ys[0]), Math.log10(ys.at(-1))];
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom - 8 - 18 * series.length;
  const px = (x) => margin.left + ((Math.log10(x) - x0) / (x1 - x0 || 1)) * plotW;
  const py = (y) => margin.top + plotH - ((Math.log10(y) - y0) / (y1 - y0 || 1)) * plotH;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  for (const x of xs) {
    out.push(`<line x1="${px(x)}" y1="${margin.top}" x2="${px(x)}" y2="${margin.top + plotH}" stroke="#ddd"/>`);
    out.push(`<text x="${px(x)}" y="${margin.top + plotH + 16}" text-anchor="middle">${tickLabel(x)}</text>`);
  }
  for (const y of ys) {
    out.push(`<line x1="${margin.left}" y1="${py(y)}" x2="${margin.left + plotW}" y2="${py(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${margin.left - 6}" y="${py(y) + 4}" text-anchor="end">${tickLabel(y)}</text>`);
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 36}" text-anchor="middle">${escape(xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.filter(([x, y]) => x > 0 && y > 0);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`);
    if (!s.dashed) for (const [x, y] of points) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${colour}"/>`);
    const ly = margin.top + plotH + 58 + 18 * i - 4;
    out.push(`<line x1="${margin.left}" y1="${ly - 4}" x2="${margin.left + 24}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${margin.left + 30}" y="${ly}">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

module.exports = { logLogChart };

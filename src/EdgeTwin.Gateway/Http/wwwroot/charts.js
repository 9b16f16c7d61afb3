// Charts drawn by hand on <canvas> and inline SVG: sparklines, the what-if trend chart and gauges.

const SVG = 'http://www.w3.org/2000/svg';

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

// Sizes the canvas backing store to its CSS box and the device pixel ratio; returns the 2D context and the size.
function prepare(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(10, canvas.clientWidth);
  const height = Math.max(10, canvas.clientHeight);
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

function extent(values, extra) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  for (const v of extra) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === Infinity) return null;
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.05 || 1;
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

// A sparkline of [times[], values[]] over the last `windowMs`, with dashed limit lines that fall in range.
export function sparkline(canvas, times, values, limits = [], windowMs = 3600_000) {
  const { ctx, width, height } = prepare(canvas);
  const now = Date.now();
  const start = now - windowMs;
  const xs = [];
  const ys = [];
  for (let i = 0; i < times.length; i++) {
    if (times[i] >= start && Number.isFinite(values[i])) {
      xs.push(times[i]);
      ys.push(values[i]);
    }
  }
  const limitValues = limits.filter(Number.isFinite);
  const range = extent(ys, []);
  canvas.dataset.points = String(ys.length);
  if (!range) return;
  // Limits stretch the scale only when near the data, so a far-away limit does not flatten the line.
  const span = range[1] - range[0];
  const near = limitValues.filter(l => l > range[0] - span && l < range[1] + span);
  const [lo, hi] = extent(ys, near);
  const x0 = Math.min(xs[0], now - 60_000);
  const x = t => ((t - x0) / Math.max(1, now - x0)) * (width - 2) + 1;
  const y = v => height - 2 - ((v - lo) / (hi - lo)) * (height - 4);

  ctx.setLineDash([3, 3]);
  ctx.strokeStyle = css('--bad');
  ctx.lineWidth = 1;
  for (const l of near) {
    ctx.beginPath();
    ctx.moveTo(0, y(l));
    ctx.lineTo(width, y(l));
    ctx.stroke();
  }
  ctx.setLineDash([]);

  ctx.strokeStyle = css('--accent');
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i < xs.length; i++) {
    if (i === 0) ctx.moveTo(x(xs[i]), y(ys[i]));
    else ctx.lineTo(x(xs[i]), y(ys[i]));
  }
  ctx.stroke();
}

function niceTicks(lo, hi, count) {
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= raw) || raw;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  return ticks;
}

const SERIES_COLOURS = ['#2b6cb0', '#2f855a', '#805ad5', '#dd6b20', '#319795', '#b83280'];

// The what-if chart: one axis per chart, series = [{name, unit, values, baseline}], limits = [{label, value}].
// Returns the number of points drawn and whether a runaway prediction was cut at the edge of the chart.
export function trend(canvas, times, series, limits) {
  const { ctx, width, height } = prepare(canvas);
  const left = 52;
  const right = 12;
  const top = 12;
  const bottom = 26;
  const all = series.flatMap(s => [...s.values, ...(s.baseline || [])]);
  let range = extent(all, limits.map(l => l.value));
  if (!range || times.length < 2) return { drawn: 0, clipped: false };
  // A prediction that runs away would flatten everything else, the limits included: then the axis covers the
  // start values, the baseline and the limits (with room around them) and the runaway part leaves the chart.
  const reference = extent(series.flatMap(s => [s.values[0], ...(s.baseline || [])]), limits.map(l => l.value));
  let clipped = false;
  if (reference) {
    const span = Math.max(reference[1] - reference[0], Math.abs(reference[1]) * 0.1, 1);
    if (range[1] - range[0] > 5 * span) {
      range = [reference[0] - span, reference[1] + span];
      clipped = true;
    }
  }
  const [lo, hi] = range;
  const t0 = times[0];
  const t1 = times[times.length - 1];
  const x = t => left + ((t - t0) / Math.max(1, t1 - t0)) * (width - left - right);
  const y = v => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);

  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = css('--muted');
  ctx.strokeStyle = css('--line');
  ctx.lineWidth = 1;
  for (const tick of niceTicks(lo, hi, 5)) {
    ctx.beginPath();
    ctx.moveTo(left, y(tick));
    ctx.lineTo(width - right, y(tick));
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(tick), left - 6, y(tick));
  }
  const minutes = (t1 - t0) / 60000;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const m of niceTicks(0, minutes, 6)) {
    const t = t0 + m * 60000;
    ctx.fillText(`+${m} min`, x(t), height - bottom + 6);
  }

  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5;
  for (const l of limits) {
    ctx.strokeStyle = css('--bad');
    ctx.beginPath();
    ctx.moveTo(left, y(l.value));
    ctx.lineTo(width - right, y(l.value));
    ctx.stroke();
    ctx.fillStyle = css('--bad');
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(l.label, left + 4, y(l.value) - 2);
  }

  let drawn = 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width - left - right, height - top - bottom);
  ctx.clip();
  series.forEach((s, k) => {
    const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
    s.colour = colour;
    for (const [values, dashed] of [[s.baseline || [], true], [s.values, false]]) {
      if (!values.length) continue;
      ctx.setLineDash(dashed ? [2, 3] : []);
      ctx.strokeStyle = colour;
      ctx.globalAlpha = dashed ? 0.55 : 1;
      ctx.lineWidth = dashed ? 1.2 : 2;
      ctx.beginPath();
      let started = false;
      values.forEach((v, i) => {
        if (!Number.isFinite(v) || i >= times.length) return;
        if (!started) {
          ctx.moveTo(x(times[i]), y(v));
          started = true;
        } else {
          ctx.lineTo(x(times[i]), y(v));
        }
        if (!dashed) drawn++;
      });
      ctx.stroke();
    }
  });
  ctx.restore();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  return { drawn, clipped };
}

function arcPath(cx, cy, r, from, to) {
  const a = Math.PI * (1 - from);
  const b = Math.PI * (1 - to);
  const x1 = cx + r * Math.cos(a);
  const y1 = cy - r * Math.sin(a);
  const x2 = cx + r * Math.cos(b);
  const y2 = cy - r * Math.sin(b);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

// A half-circle gauge in `host`: fraction 0..1 filled, coloured by `level` (good, warn, bad), or empty when null.
export function gauge(host, fraction, level) {
  let svg = host.querySelector('svg');
  if (!svg) {
    svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 100 56');
    const track = document.createElementNS(SVG, 'path');
    track.setAttribute('d', arcPath(50, 50, 40, 0, 1));
    track.setAttribute('fill', 'none');
    track.setAttribute('stroke-width', '9');
    track.setAttribute('stroke-linecap', 'round');
    track.setAttribute('class', 'track');
    const bar = document.createElementNS(SVG, 'path');
    bar.setAttribute('fill', 'none');
    bar.setAttribute('stroke-width', '9');
    bar.setAttribute('stroke-linecap', 'round');
    bar.setAttribute('class', 'bar');
    svg.append(track, bar);
    host.prepend(svg);
  }
  svg.querySelector('.track').setAttribute('stroke', css('--line'));
  const bar = svg.querySelector('.bar');
  if (fraction == null || !Number.isFinite(fraction)) {
    bar.setAttribute('d', '');
    return;
  }
  const f = Math.min(1, Math.max(0.001, fraction));
  bar.setAttribute('d', arcPath(50, 50, 40, 0, f));
  bar.setAttribute('stroke', css(level === 'bad' ? '--bad' : level === 'warn' ? '--warn' : '--good'));
}

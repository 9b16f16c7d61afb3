// EdgeTwin operator page. Everything comes from this gateway: /api/events (server-sent events read with fetch, so
// that the access token can travel in a header), /api/assets/{id} for the last hour, and the two actions.
import { sparkline, trend, gauge } from './charts.js';
import { fmt, fmtBytes, fmtAgo, fmtTime, el, clear } from './format.js';

const HOUR = 3600_000;
const state = {
  token: sessionStorage.getItem('edgetwin-token') || '',
  live: null,
  history: new Map(), // asset -> Map(property -> {t: [], v: []})
  historyLoaded: new Set(),
  selectedDevice: null,
  whatIfAsset: null,
  whatIfShown: false,
};

const $ = id => document.getElementById(id);

// ---- talking to the gateway ----------------------------------------------------------------------------------

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  if (state.token) h.Authorization = `Bearer ${state.token}`;
  return h;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.headers || {}) });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.status === 401) askToken();
  if (!response.ok) {
    const error = new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function askToken() {
  $('token-form').hidden = false;
}

$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  state.token = $('token-input').value.trim();
  sessionStorage.setItem('edgetwin-token', state.token);
  $('token-form').hidden = true;
});

function setLive(text, kind) {
  const badge = $('live-status');
  badge.textContent = text;
  badge.dataset.state = kind;
  badge.className = `badge ${kind === 'live' ? 'good' : kind === 'error' ? 'bad' : 'warn'}`;
}

async function stream() {
  for (;;) {
    try {
      const response = await fetch('/api/events', { headers: headers({ Accept: 'text/event-stream' }), cache: 'no-store' });
      if (response.status === 401) askToken();
      if (!response.ok || !response.body) throw new Error(`${response.status}`);
      setLive('live', 'live');
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('\n');
          if (/^event: live$/m.test(block) && data) {
            onLive(JSON.parse(data));
          }
        }
      }
      setLive('reconnecting', 'reconnecting');
    } catch {
      setLive('offline – retrying', 'error');
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

// ---- live data ---------------------------------------------------------------------------------------------------

function onLive(live) {
  state.live = live;
  for (const asset of live.assets) {
    if (!state.historyLoaded.has(asset.id)) {
      state.historyLoaded.add(asset.id);
      loadHistory(asset.id);
    }
    appendLive(asset);
  }
  render();
}

async function loadHistory(id) {
  try {
    const asset = await api(`/api/assets/${encodeURIComponent(id)}?points=720`);
    if (!asset.history) return;
    const map = historyOf(id);
    for (const [name, series] of Object.entries(asset.history.properties)) {
      const current = map.get(name) || { t: [], v: [] };
      // Keep live points newer than the history's end.
      const last = series.t.length ? series.t[series.t.length - 1] : 0;
      const keep = current.t.map((t, i) => [t, current.v[i]]).filter(([t]) => t > last);
      map.set(name, { t: [...series.t, ...keep.map(p => p[0])], v: [...series.v, ...keep.map(p => p[1])] });
    }
  } catch (error) {
    state.historyLoaded.delete(id);
  }
}

function historyOf(id) {
  if (!state.history.has(id)) state.history.set(id, new Map());
  return state.history.get(id);
}

function numeric(value) {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' ? value : NaN;
}

function appendLive(asset) {
  const map = historyOf(asset.id);
  const cutoff = Date.now() - HOUR;
  for (const [name, p] of Object.entries(asset.properties)) {
    if (!p.ts || p.quality === 'bad') continue;
    const t = Date.parse(p.ts);
    const v = numeric(p.value);
    if (!Number.isFinite(v)) continue;
    const series = map.get(name) || { t: [], v: [] };
    if (!series.t.length || t > series.t[series.t.length - 1]) {
      series.t.push(t);
      series.v.push(v);
    }
    while (series.t.length && series.t[0] < cutoff) {
      series.t.shift();
      series.v.shift();
    }
    map.set(name, series);
  }
}

// ---- rendering ---------------------------------------------------------------------------------------------------

function render() {
  const live = state.live;
  if (!live) return;
  renderHeader(live.status);
  renderOverview(live.status);
  renderAlarms(live.alarms);
  renderDevices(live.status.devices);
  renderPoints(live.points || []);
  renderAssets(live.assets, live.alarms);
  renderWhatIfChoices(live.assets);
}

function renderHeader(s) {
  $('gateway').textContent = s.gateway;
  $('gateway-sub').textContent = `${s.site ? s.site + ' · ' : ''}up ${fmtAgo(s.uptimeSeconds, true)} · ${fmtTime(s.ts)}`;
  $('version').textContent = `EdgeTwin ${s.version}`;
  document.title = `${s.gateway} · EdgeTwin`;
  const up = s.uplink;
  const badge = $('uplink-badge');
  if (!up.configured) {
    badge.textContent = 'no uplink';
    badge.className = 'badge warn';
  } else {
    badge.textContent = up.connected ? 'uplink connected' : 'uplink offline';
    badge.className = `badge ${up.connected ? 'good' : 'bad'}`;
  }
}

function renderOverview(s) {
  const b = s.backlog;
  $('backlog-messages').textContent = fmt(b.messages);
  $('backlog-bytes').textContent = fmtBytes(b.bytes);
  $('backlog-oldest').textContent = b.oldestAgeSeconds == null ? '–' : fmtAgo(b.oldestAgeSeconds);
  $('backlog-dropped').textContent = fmt(b.dropped);
  $('backlog-seq').textContent = fmt(b.lastSeq);
  $('uplink-acked').textContent = s.uplink.configured ? fmt(s.uplink.ackedSeq) : '–';
  $('uplink-latency').textContent = s.uplink.latencyMs == null || !s.uplink.configured ? '–' : `${fmt(s.uplink.latencyMs)} ms`;
  $('samples-rate').textContent = fmt(s.samplesPerSecond);
  const up = s.uplink;
  $('uplink-detail').textContent = !up.configured
    ? 'No MQTT uplink configured: data stays in the local store.'
    : `${up.url} · ${fmt(up.published)} published, ${fmt(up.backfilled)} as backfill, ${fmt(up.failures)} failures${up.error ? ' · last error: ' + up.error : ''}`;
  const ready = $('ready-badge');
  ready.textContent = s.firstPoll ? 'running' : 'starting';
  ready.className = `badge ${s.firstPoll ? 'good' : 'warn'}`;
}

function renderAlarms(alarms) {
  const list = $('alarm-list');
  const active = alarms.filter(a => a.active);
  $('alarm-count').textContent = alarms.length ? `${active.length} active / ${alarms.length}` : '';
  const sorted = [...alarms].sort((a, b) => Number(b.active) - Number(a.active));
  clear(list);
  if (!sorted.length) {
    list.append(el('li', { class: 'empty' }, 'No alarms configured.'));
    return;
  }
  for (const a of sorted) {
    const cls = ['alarm', a.active ? 'active' : 'inactive', a.severity, a.acknowledged ? 'acked' : ''].filter(Boolean).join(' ');
    const limit = a.high != null && a.low != null ? `${fmt(a.low)}…${fmt(a.high)}` : a.high != null ? `> ${fmt(a.high)}` : `< ${fmt(a.low)}`;
    const what = a.active
      ? `${a.key}: ${a.property} ${fmt(a.value)} (${a.limit} limit ${limit}) since ${fmtTime(a.raisedAt)}${a.condition ? '' : ' · back in range'}`
      : `${a.key}: ${a.property} ${limit}`;
    const item = el('li', { class: cls, 'data-alarm': a.key, 'data-active': String(a.active), 'data-acknowledged': String(a.acknowledged) },
      el('span', { class: 'sev' }, a.severity),
      el('span', { class: 'what' }, what),
      el('span', { class: 'state' }, a.active ? (a.acknowledged ? 'acknowledged' : 'unacknowledged') : 'normal'));
    if (a.active && !a.acknowledged) {
      const button = el('button', { type: 'button', 'data-ack': a.key }, 'Acknowledge');
      button.addEventListener('click', () => acknowledge(a, button));
      item.append(button);
    }
    list.append(item);
  }
}

async function acknowledge(alarm, button) {
  button.disabled = true;
  const message = $('ack-message');
  try {
    await api(`/api/alarms/${encodeURIComponent(alarm.asset)}/${encodeURIComponent(alarm.id)}/ack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({}),
    });
    message.className = 'note';
    message.textContent = `${alarm.key} acknowledged.`;
    const item = button.closest('li');
    item.dataset.acknowledged = 'true';
    item.querySelector('.state').textContent = 'acknowledged';
    button.remove();
  } catch (error) {
    message.className = 'note error';
    message.textContent = `${alarm.key}: ${error.message}`;
    button.disabled = false;
  }
}

function renderDevices(devices) {
  const body = $('device-table').tBodies[0];
  clear(body);
  if (!state.selectedDevice && devices.length) state.selectedDevice = devices[0].id;
  for (const d of devices) {
    const row = el('tr', { 'data-device': d.id, class: d.id === state.selectedDevice ? 'selected' : '', title: `${d.protocol} ${d.address}${d.error ? '\n' + d.error : ''}` },
      el('td', {}, el('span', { class: `dot ${d.state}` }), d.id),
      el('td', { 'data-role': 'state' }, d.state),
      el('td', { class: 'num' }, fmt(d.polls)),
      el('td', { class: 'num' }, fmt(d.errors)),
      el('td', { class: 'num' }, fmt(d.timeouts)),
      el('td', {}, d.lastPoll ? fmtAgo((Date.now() - Date.parse(d.lastPoll)) / 1000) + ' ago' : '–'));
    row.addEventListener('click', () => {
      state.selectedDevice = d.id;
      render();
    });
    body.append(row);
  }
}

function renderPoints(points) {
  $('points-title').textContent = state.selectedDevice ? `Points of ${state.selectedDevice}` : 'Points';
  const body = $('point-table').tBodies[0];
  clear(body);
  for (const p of points.filter(x => x.device === state.selectedDevice)) {
    const value = p.value === null ? '–' : typeof p.value === 'boolean' ? (p.value ? 'on' : 'off') : p.label || fmt(p.value);
    body.append(el('tr', { 'data-point': `${p.device}/${p.id}`, title: p.error || '' },
      el('td', {}, p.id),
      el('td', { class: 'num' }, value),
      el('td', {}, p.unit || ''),
      el('td', { class: `q-${p.quality}` }, p.quality),
      el('td', {}, p.ts ? fmtTime(p.ts) : '–')));
  }
}

function renderAssets(assets, alarms) {
  const host = $('asset-cards');
  for (const asset of assets) {
    let card = host.querySelector(`[data-asset="${CSS.escape(asset.id)}"]`);
    if (!card) {
      card = buildCard(asset);
      host.append(card);
    }
    updateCard(card, asset, alarms.filter(a => a.asset === asset.id && a.active));
  }
}

function buildCard(asset) {
  const gauges = el('div', { class: 'gauges' },
    el('div', { class: 'gauge', 'data-gauge': 'health' }, el('div', { class: 'value' }, '–'), el('div', { class: 'label' }, 'Health')),
    el('div', { class: 'gauge', 'data-gauge': 'anomaly' }, el('div', { class: 'value' }, '–'), el('div', { class: 'label' }, 'Anomaly score')),
    el('div', { class: 'gauge', 'data-gauge': 'rul' }, el('div', { class: 'value' }, '–'), el('div', { class: 'label' }, 'Remaining life')));
  const props = el('div', { class: 'props' });
  for (const name of Object.keys(asset.properties)) {
    props.append(el('div', { class: 'prop', 'data-prop': name },
      el('div', { class: 'name' }, el('span', {}, name), el('span', { class: 'q' })),
      el('div', {}, el('span', { class: 'val' }, '–'), el('span', { class: 'unit' }, asset.properties[name].unit || '')),
      el('canvas', { height: '42', 'aria-label': `${name}, last hour` })));
  }
  return el('article', { class: 'card', 'data-asset': asset.id },
    el('div', { class: 'card-head' },
      el('h3', {}, asset.id, ' ', el('small', { class: 'sub' }, asset.type)),
      el('span', { class: 'badge', 'data-role': 'status' }, asset.status)),
    gauges, props);
}

function updateCard(card, asset, activeAlarms) {
  const status = card.querySelector('[data-role="status"]');
  status.textContent = `${asset.status} · ${Math.round((asset.confidence || 0) * 100)}%`;
  status.className = `badge ${asset.status === 'synchronized' ? 'good' : asset.status === 'error' ? 'bad' : 'warn'}`;

  const health = card.querySelector('[data-gauge="health"]');
  health.querySelector('.value').textContent = fmt(asset.health);
  gauge(health, asset.health / 100, asset.health >= 80 ? 'good' : asset.health >= 50 ? 'warn' : 'bad');

  const anomaly = card.querySelector('[data-gauge="anomaly"]');
  const a = asset.anomaly;
  if (!a || (a.score == null && a.state !== 'learning')) {
    anomaly.classList.add('none');
    anomaly.querySelector('.value').textContent = 'no model';
    gauge(anomaly, null);
  } else if (a.score == null) {
    anomaly.classList.add('none');
    anomaly.querySelector('.value').textContent = `learning ${Math.round((a.progress || 0) * 100)}%`;
    gauge(anomaly, a.progress || 0, 'warn');
  } else {
    anomaly.classList.remove('none');
    anomaly.querySelector('.value').textContent = `${fmt(a.score)}${a.threshold != null ? ' / ' + fmt(a.threshold) : ''}`;
    const scale = a.threshold ? a.score / (2 * a.threshold) : Math.min(1, a.score);
    gauge(anomaly, scale, a.anomalous ? 'bad' : scale > 0.4 ? 'warn' : 'good');
  }

  const rul = card.querySelector('[data-gauge="rul"]');
  const f = asset.failure;
  if (!f || f.rulHours == null) {
    rul.classList.add('none');
    rul.querySelector('.value').textContent = 'no model';
    gauge(rul, null);
  } else {
    rul.classList.remove('none');
    const max = Math.max(Number(rul.dataset.max || 0), f.rulHours);
    rul.dataset.max = String(max);
    rul.querySelector('.value').textContent = `${fmt(f.rulHours)} h${f.probability != null ? ' · ' + fmt(f.probability * 100) + '%' : ''}`;
    gauge(rul, max ? f.rulHours / max : 0, f.rulHours < max * 0.2 ? 'bad' : f.rulHours < max * 0.5 ? 'warn' : 'good');
  }

  const history = historyOf(asset.id);
  for (const [name, p] of Object.entries(asset.properties)) {
    const box = card.querySelector(`[data-prop="${CSS.escape(name)}"]`);
    if (!box) continue;
    const value = p.value === null ? '–' : typeof p.value === 'boolean' ? (p.value ? 'on' : 'off') : fmt(p.value);
    box.querySelector('.val').textContent = value;
    box.dataset.value = p.value === null ? '' : String(p.value);
    box.dataset.ts = p.ts || '';
    const q = box.querySelector('.q');
    q.textContent = p.quality === 'good' ? '' : p.quality;
    q.className = `q q-${p.quality}`;
    box.classList.toggle('alarming', activeAlarms.some(x => x.property === name));
    const limits = asset.limits.filter(l => l.property === name).flatMap(l => [l.high, l.low]).filter(v => v != null);
    const series = history.get(name) || { t: [], v: [] };
    sparkline(box.querySelector('canvas'), series.t, series.v, limits, HOUR);
  }
}

// ---- what-if -----------------------------------------------------------------------------------------------------

function renderWhatIfChoices(assets) {
  const select = $('whatif-asset');
  const ids = assets.map(a => a.id).join('|');
  if (select.dataset.ids !== ids) {
    select.dataset.ids = ids;
    clear(select);
    for (const a of assets) select.append(el('option', { value: a.id }, a.id));
    if (state.whatIfAsset && assets.some(a => a.id === state.whatIfAsset)) select.value = state.whatIfAsset;
    buildWhatIfInputs();
  }
  whatIfHint(currentAsset(select.value));
}

function currentAsset(id) {
  return state.live ? state.live.assets.find(a => a.id === id) : null;
}

function buildWhatIfInputs() {
  const select = $('whatif-asset');
  state.whatIfAsset = select.value;
  const asset = currentAsset(select.value);
  const host = $('whatif-inputs');
  clear(host);
  if (!asset) return;
  const names = asset.dynamics ? asset.dynamics.inputs : [];
  for (const name of names) {
    const p = asset.properties[name] || {};
    let input;
    if (p.type === 'bool') {
      input = el('select', { name, 'data-input': name }, el('option', { value: '1' }, 'on'), el('option', { value: '0' }, 'off'));
      input.value = p.value ? '1' : '0';
    } else {
      input = el('input', { type: 'text', inputmode: 'decimal', name, 'data-input': name, value: typeof p.value === 'number' ? String(+p.value.toFixed(3)) : '' });
    }
    host.append(el('label', {}, `${name}${p.unit ? ' (' + p.unit + ')' : ''}`, input));
  }
  state.whatIfShown = false;
  whatIfHint(asset);
}

// Until a simulation is shown, the message under the form says what the model can do (updated live).
function whatIfHint(asset) {
  if (state.whatIfShown || !asset) return;
  const message = $('whatif-message');
  message.className = 'note';
  const d = asset.dynamics;
  message.textContent = !d
    ? `${asset.id} has no what-if model (the configuration gives it no dynamics section).`
    : d.ready ? `Inputs: absolute values, or changes such as +5 or -10%. Predicts: ${d.outputs.join(', ')}.`
    : `${asset.id}'s dynamics are still being identified (${d.samples} of ${d.samplesNeeded} samples).`;
}

$('whatif-asset').addEventListener('change', buildWhatIfInputs);

$('whatif-form').addEventListener('submit', async event => {
  event.preventDefault();
  const id = $('whatif-asset').value;
  const inputs = {};
  for (const field of $('whatif-inputs').querySelectorAll('[data-input]')) {
    const text = field.value.trim();
    if (text === '') continue;
    // "+5" and "-10%" are changes relative to now; a plain number is the new value.
    inputs[field.dataset.input] = /^[+-]|%$/.test(text) ? text : Number(text);
  }
  const message = $('whatif-message');
  const button = $('whatif-run');
  button.disabled = true;
  message.className = 'note';
  message.textContent = 'Simulating…';
  state.whatIfShown = true;
  try {
    const result = await api(`/api/assets/${encodeURIComponent(id)}/simulate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ inputs, horizon: $('whatif-horizon').value }),
    });
    drawWhatIf(result);
  } catch (error) {
    state.whatIfShown = true;
    message.className = 'note error';
    message.textContent = error.message;
  } finally {
    button.disabled = false;
  }
});

function drawWhatIf(result) {
  const series = Object.entries(result.outputs).map(([name, o]) => ({ name, unit: o.unit, values: o.values, baseline: o.baseline }));
  const shown = new Set(series.map(s => s.name));
  const limits = result.limits.filter(l => shown.has(l.property)).flatMap(l => [
    l.high != null ? { label: `${l.alarm} high ${fmt(l.high)}`, value: l.high } : null,
    l.low != null ? { label: `${l.alarm} low ${fmt(l.low)}`, value: l.low } : null,
  ]).filter(Boolean);
  const canvas = $('whatif-chart');
  const { drawn, clipped } = trend(canvas, result.t, series, limits);
  canvas.dataset.drawn = String(drawn);
  canvas.dataset.clipped = String(clipped);
  state.whatIfShown = true;
  canvas.dataset.limits = String(limits.length);
  const legend = $('whatif-legend');
  clear(legend);
  for (const s of series) {
    const swatch = el('i', {});
    swatch.style.background = s.colour; // CSSOM, not a style attribute: the page's policy forbids inline styles
    legend.append(el('li', {}, swatch, `${s.name}${s.unit ? ' (' + s.unit + ')' : ''}`));
  }
  if (series.some(s => s.baseline && s.baseline.length)) legend.append(el('li', {}, 'dotted: inputs unchanged'));
  if (limits.length) legend.append(el('li', {}, 'dashed red: alarm limits'));
  const breaches = result.breaches.map(b => `${b.alarm} (${b.property} ${b.limit} ${fmt(b.value)}) in ${fmtAgo(b.afterSeconds)}`);
  const fit = Object.entries(result.fit).map(([name, r2]) => `${name} R² ${fmt(r2)}`);
  const message = $('whatif-message');
  message.className = breaches.length ? 'note error' : 'note';
  const peaks = series.map(s => `${s.name} up to ${fmt(Math.max(...s.values.filter(Number.isFinite)))}`);
  message.textContent = [
    `${result.horizon} ahead from ${fmtTime(result.start)}.`,
    clipped ? `The prediction runs off the chart (${peaks.join(', ')}).` : '',
    breaches.length ? `Would raise: ${breaches.join(', ')}.` : 'No alarm limit is crossed.',
    fit.length ? `Model fit: ${fit.join(', ')}.` : '',
    ...result.notes,
  ].filter(Boolean).join(' ');
}

window.addEventListener('resize', () => render());
stream();

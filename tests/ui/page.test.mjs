// The operator page in headless Chromium against `edgetwin demo`.
//
//   cd tests/ui && npm install && node page.test.mjs
//
// Needs: Debian's chromium (/usr/bin/chromium, or CHROMIUM=path), playwright-core from package.json, and a built
// gateway (src/EdgeTwin.Gateway/bin/<Debug|Release>/net10.0/edgetwin.dll, or EDGETWIN_DLL=path). The demo runs with
// a test configuration on free loopback ports; the test watches the page show the pump, its values change, provokes
// the overtemp alarm by switching the pump's cooling off (and speed to 100 %) over Modbus, acknowledges it on the
// page, runs a what-if and checks the chart, and looks at the page at phone size. Screenshots go to tests/ui/artifacts.
// Exit code 0 when every check passed, 1 otherwise (with the reason). Waits are for conditions with generous limits
// (a loaded 2-core CI machine), and the whole test gives up after TEST_LIMIT_MS (default 8 min) rather than hang.

import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const artifacts = path.join(here, 'artifacts');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

let checks = 0;
function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  checks++;
  console.log(`  ok  ${message}`);
}

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exitCode = 1;
}

function findGateway() {
  if (process.env.EDGETWIN_DLL) return process.env.EDGETWIN_DLL;
  // The most recently built of Debug and Release.
  const candidates = ['Debug', 'Release'].map(c => path.join(root, 'src', 'EdgeTwin.Gateway', 'bin', c, 'net10.0', 'edgetwin.dll'))
    .filter(existsSync)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return candidates[0] || null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const delay = ms => new Promise(resolve => setTimeout(resolve, ms));
const TEST_LIMIT_MS = Number(process.env.TEST_LIMIT_MS || 8 * 60 * 1000);
let running = null; // the demo, for the emergency stop

async function until(what, fn, timeoutMs, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await delay(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

// One Modbus TCP request (FC5 write single coil, FC6 write single register), answered by an echo of the request.
function modbusWrite(port, fc, address, value) {
  return new Promise((resolve, reject) => {
    const frame = Buffer.alloc(12);
    frame.writeUInt16BE(7, 0); // transaction id
    frame.writeUInt16BE(0, 2); // protocol id
    frame.writeUInt16BE(6, 4); // length: unit + PDU
    frame.writeUInt8(1, 6); // unit
    frame.writeUInt8(fc, 7);
    frame.writeUInt16BE(address, 8);
    frame.writeUInt16BE(value, 10);
    const socket = net.connect(port, '127.0.0.1', () => socket.write(frame));
    socket.setTimeout(3000, () => socket.destroy(new Error('Modbus write timed out')));
    socket.once('data', data => {
      socket.end();
      if (data.length >= 12 && data.readUInt8(7) === fc) resolve();
      else reject(new Error(`Modbus write answered ${data.toString('hex')}`));
    });
    socket.once('error', reject);
  });
}

function config(dir, ports) {
  return `# UI test: the demo pump with an overtemp limit the test can reach in seconds.
gateway:
  id: ui-gw
  site: ui-test
storage:
  path: ${path.join(dir, 'data', 'edgetwin.db')}
mqtt:
  url: mqtt://127.0.0.1:${ports.mqtt}
  topicRoot: edgetwin/v1
http:
  listen: 127.0.0.1:${ports.http}
devices:
  - id: plc1
    modbus: { host: 127.0.0.1, port: ${ports.modbus}, unit: 1 }
    poll: 500ms
    points:
      - { id: pump1_pressure, table: holding, address: 0, type: float32, order: ABCD, unit: bar, deadband: 0.01 }
      - { id: pump1_temperature, table: holding, address: 2, type: float32, unit: degC, deadband: 0.05 }
      - { id: pump1_vibration, table: holding, address: 4, type: float32, order: CDAB, unit: mm/s }
      - { id: pump1_flow, table: holding, address: 6, type: float32, unit: m3/h }
      - { id: pump1_speed, table: holding, address: 20, type: uint16, scale: 0.1, unit: "%", writable: true, min: 0, max: 100 }
      - { id: pump1_current, table: input, address: 10, type: uint16, scale: 0.01, unit: A }
      - { id: pump1_running, table: coil, address: 0, type: bool, publishEvery: 10s }
      - { id: pump1_cooling, table: coil, address: 1, type: bool, writable: true, publishEvery: 10s }
assets:
  - id: pump1
    type: pump
    properties:
      pressure: plc1/pump1_pressure
      current: plc1/pump1_current
      running: plc1/pump1_running
      temperature: plc1/pump1_temperature
      vibration: plc1/pump1_vibration
      flow: plc1/pump1_flow
      speed: plc1/pump1_speed
      cooling: plc1/pump1_cooling
    alarms:
      - { id: overtemp, property: temperature, high: 49, hysteresis: 0.5, onDelay: 1s, severity: critical }
      - { id: vibration_high, property: vibration, high: 7.1, hysteresis: 0.5, onDelay: 5s }
    dynamics:
      inputs: [speed, cooling]
      outputs: [temperature]
      step: 1s
`;
}

async function startDemo(dll, file, dir) {
  const child = spawn('dotnet', [dll, 'demo', '--config', file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', d => { output += d; });
  child.stderr.on('data', d => { output += d; });
  const exited = new Promise(resolve => child.once('exit', code => resolve(code)));
  return { child, exited, output: () => output };
}

async function stopDemo(demo) {
  if (demo.child.exitCode !== null) return demo.child.exitCode;
  demo.child.kill('SIGTERM');
  const code = await Promise.race([demo.exited, delay(20000).then(() => 'timeout')]);
  if (code === 'timeout') {
    demo.child.kill('SIGKILL');
    await demo.exited;
    throw new Error('the demo did not stop within 20 s of SIGTERM');
  }
  return code;
}

async function main() {
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed: run tests/run.sh (or cd tests/ui && npm install)');
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run tests/run.sh (Debian package chromium)`);
  }
  const dll = findGateway();
  if (!dll || !existsSync(dll)) {
    throw new Error('the gateway is not built: dotnet build src/EdgeTwin.Gateway (or set EDGETWIN_DLL)');
  }

  await fs.mkdir(artifacts, { recursive: true });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'edgetwin-ui-'));
  const ports = { http: await freePort(), modbus: await freePort(), mqtt: await freePort() };
  const file = path.join(dir, 'ui.yaml');
  await fs.writeFile(file, config(dir, ports));
  const base = `http://127.0.0.1:${ports.http}`;
  console.log(`edgetwin demo (${dll}) with http ${ports.http}, modbus ${ports.modbus}, mqtt ${ports.mqtt}`);

  const demo = await startDemo(dll, file, dir);
  running = demo;
  let context;
  try {
    await until('the demo to answer /readyz', async () => {
      if (demo.child.exitCode !== null) throw new Error(`the demo exited with ${demo.child.exitCode}:\n${demo.output()}`);
      const response = await fetch(`${base}/readyz`);
      return response.status === 200;
    }, 60000, 300);
    check(true, 'edgetwin demo runs and /readyz is 200 (first poll done, store writable, uplink connected)');

    context = await playwright.chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      timeout: 120000,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    const external = [];
    const problems = [];
    context.on('request', request => {
      const url = request.url();
      if (!url.startsWith(base + '/') && !url.startsWith('data:')) external.push(url);
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('console', message => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', error => problems.push(`page error: ${error.message}`));

    await page.goto(`${base}/`);
    const card = page.locator('[data-asset="pump1"]');
    await card.waitFor({ timeout: 30000 });
    check(true, 'the page shows the pump1 card');
    await page.locator('#live-status[data-state="live"]').waitFor({ timeout: 30000 });
    check(true, 'the live feed (server-sent events) is connected');
    const deviceState = await until('plc1 to show online', async () => {
      const text = await page.locator('#device-table tr[data-device="plc1"] [data-role="state"]').textContent({ timeout: 5000 });
      return text === 'online' ? text : null;
    }, 30000);
    check(deviceState === 'online', `device plc1 is listed as online (${deviceState})`);

    const values = async () => card.locator('[data-prop]').evaluateAll(nodes => nodes.map(n => `${n.dataset.prop}=${n.dataset.value}@${n.dataset.ts}`));
    const before = await values();
    const changed = await until('the pump values to change', async () => {
      const now = await values();
      const diff = now.filter((v, i) => v !== before[i]);
      return diff.length ? diff : null;
    }, 30000, 500);
    check(changed.length > 0, `live values change without reloading (${changed.slice(0, 2).join(', ')})`);
    const temperature = Number(await card.locator('[data-prop="temperature"]').getAttribute('data-value'));
    check(temperature > 30 && temperature < 120, `the pump temperature is plausible (${temperature.toFixed(2)} °C)`);
    await until('the temperature sparkline', async () =>
      Number(await card.locator('[data-prop="temperature"] canvas').getAttribute('data-points')) >= 3, 30000);
    check(true, 'the temperature sparkline is drawn from the last hour');
    const anomaly = await card.locator('[data-gauge="anomaly"] .value').textContent();
    check(anomaly === 'no model', `the anomaly gauge says "no model" without a model (${anomaly})`);
    const uplink = await until('the uplink badge', async () => {
      const text = await page.locator('#uplink-badge').textContent({ timeout: 5000 });
      return text === 'uplink connected' ? text : null;
    }, 30000);
    check(uplink === 'uplink connected', `the uplink badge shows the embedded broker connected (${uplink})`);
    await page.screenshot({ path: path.join(artifacts, '1-page.png'), fullPage: true });

    // Provoke overtemp: cooling fan off (coil 1) and full speed (holding 20 = 1000 x 0.1 %) through Modbus.
    await until('the cooling-off write', () => modbusWrite(ports.modbus, 5, 1, 0x0000).then(() => true), 20000, 1000);
    await until('the full-speed write', () => modbusWrite(ports.modbus, 6, 20, 1000).then(() => true), 20000, 1000);
    const alarm = page.locator('li[data-alarm="pump1/overtemp"][data-active="true"]');
    await alarm.waitFor({ timeout: 120000 });
    check(true, 'switching the cooling off over Modbus raises pump1/overtemp on the page');
    await page.screenshot({ path: path.join(artifacts, '2-alarm-raised.png'), fullPage: true });
    await alarm.locator('button[data-ack]').click();
    await page.locator('li[data-alarm="pump1/overtemp"][data-acknowledged="true"]').waitFor({ timeout: 30000 });
    const acknowledged = await until('the acknowledgement in the API', async () => {
      const body = await (await fetch(`${base}/api/alarms`)).json();
      return body.alarms.find(a => a.key === 'pump1/overtemp' && a.acknowledged);
    }, 30000);
    check(acknowledged.active, 'the Acknowledge button acknowledges the alarm (the API agrees)');
    await delay(1500);
    const stillAcked = await page.locator('li[data-alarm="pump1/overtemp"]').getAttribute('data-acknowledged');
    check(stillAcked === 'true', 'the live feed keeps showing it acknowledged');
    await page.screenshot({ path: path.join(artifacts, '3-alarm-acknowledged.png'), fullPage: true });

    // What-if: wait for the identified dynamics, ask for cooling off at full speed, expect a chart with the limit.
    await until('identified dynamics', async () => {
      const body = await (await fetch(`${base}/api/assets/pump1?points=2`)).json();
      return body.dynamics && body.dynamics.ready;
    }, 120000, 1000);
    await page.selectOption('#whatif-asset', 'pump1');
    await page.locator('#whatif-inputs [data-input="speed"]').fill('100');
    await page.locator('#whatif-inputs [data-input="cooling"]').selectOption('0');
    await page.selectOption('#whatif-horizon', '10m');
    await page.click('#whatif-run');
    const chart = page.locator('#whatif-chart[data-drawn]');
    await chart.waitFor({ timeout: 30000 });
    const drawn = Number(await chart.getAttribute('data-drawn'));
    const limits = Number(await chart.getAttribute('data-limits'));
    check(drawn >= 100, `the what-if chart plots the simulated trajectory (${drawn} points)`);
    check(limits >= 1, `the what-if chart draws the alarm limits (${limits})`);
    const inked = await page.$eval('#whatif-chart', canvas => {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    check(inked > 2000, `the chart canvas has ink (${inked} pixels)`);
    const whatIfText = await page.locator('#whatif-message').textContent();
    check(/ahead from/.test(whatIfText), `the what-if summary is shown (${whatIfText.slice(0, 90)}…)`);
    await page.locator('#whatif').screenshot({ path: path.join(artifacts, '4-whatif.png') });

    // Phone size: no sideways scrolling, the pump card and alarms fit.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    phone.on('pageerror', error => problems.push(`phone page error: ${error.message}`));
    await phone.goto(`${base}/`);
    await phone.locator('[data-asset="pump1"] [data-prop="temperature"] canvas[data-points]').waitFor({ timeout: 30000 });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `at 390 px wide the page needs no sideways scrolling (overflow ${overflow} px)`);
    await phone.screenshot({ path: path.join(artifacts, '5-phone.png'), fullPage: true });

    check(external.length === 0, `the page loads nothing but the gateway's own files (${external.join(', ') || 'none else'})`);
    check(problems.length === 0, `no script errors (${problems.join('; ') || 'none'})`);
  } finally {
    if (context) await context.close();
    const code = await stopDemo(demo);
    await fs.writeFile(path.join(artifacts, 'demo.log'), demo.output());
    if (process.exitCode !== 1 && code !== 0) fail(`the demo exited with ${code} after SIGTERM (log in tests/ui/artifacts/demo.log)`);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// Never hang a CI run: give up after TEST_LIMIT_MS, and on Ctrl+C or SIGTERM, taking the demo down too.
function emergencyStop(reason) {
  fail(reason);
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  process.exit(1);
}
const limit = setTimeout(() => emergencyStop(`the page test did not finish within ${TEST_LIMIT_MS / 1000} s`), TEST_LIMIT_MS);
limit.unref();
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => emergencyStop(`stopped by ${signal}`));

main().then(
  () => {
    if (process.exitCode === 1) return;
    console.log(`PASS: ${checks} checks; screenshots in ${path.relative(process.cwd(), artifacts) || artifacts}`);
  },
  error => fail(error.message),
);

// End-to-end harness: starts tauri-driver (which starts WebKitWebDriver and the real app binary)
// and speaks W3C WebDriver to it with Node's fetch. No WebDriver library: the protocol calls we
// need are a handful, and this keeps `make test` free of a large dependency tree.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const APP_BIN = required("APP_BIN");
const TAURI_DRIVER = required("TAURI_DRIVER");
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(process.cwd(), "tests/e2e/artifacts");

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the E2E tests with \`make test-e2e\``);
  return value;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Poll `probe` until it returns a truthy value; throws with `what` if it never does. */
export async function waitFor(what, probe, { timeoutMs = 60_000, intervalMs = 150 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ""}`);
}

/**
 * Start the app with fresh data/config dirs (so it is a first launch) and open a session.
 * `env` is added to the app's environment (tauri-driver passes its own on to the app).
 */
export async function launchApp(name, env = {}, reuse = null) {
  const home = mkdtempSync(join(tmpdir(), `eca-e2e-${name}-`));
  // `reuse`: an earlier App's dirs, for a relaunch on the same profiles and journal.
  const dirs = reuse ?? {
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const nativePort = await freePort();
  // The driver, WebKitWebDriver and the app run in a process group of their own, so quit() can
  // stop all three; their output goes to a log file, so no straggler holds the runner's pipes.
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(join(ARTIFACTS, `${name}-driver.log`), "w");
  const driver = spawn(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...dirs, ...env },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor("tauri-driver to listen", async () => (await fetch(`${base}/status`)).ok, {
      timeoutMs: 30_000,
    });
    const created = await call(base, "POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application: APP_BIN } } },
    });
    const app = new App(base, created.sessionId, driver, dirs, name);
    await app.find('[data-testid="app-ready"]', { timeoutMs: 60_000 }).catch(async (error) => {
      await app.screenshot("launch-failed").catch(() => {});
      await app.quit();
      throw error;
    });
    return app;
  } catch (error) {
    killGroup(driver.pid, "SIGKILL");
    throw error;
  }
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = json?.value?.message ?? JSON.stringify(json);
    throw new Error(`WebDriver ${method} ${path} → ${response.status}: ${detail}`);
  }
  return json.value;
}

export class App {
  constructor(base, sessionId, driver, dirs, name) {
    this.base = base;
    this.session = `/session/${sessionId}`;
    this.driver = driver;
    this.dirs = dirs;
    this.name = name;
    this.shots = 0;
  }

  call(method, path, body) {
    return call(this.base, method, `${this.session}${path}`, body);
  }

  /** Wait until an element matching `css` exists and return its WebDriver id. */
  async find(css, options) {
    return waitFor(`element ${css}`, async () => {
      const found = await this.call("POST", "/elements", { using: "css selector", value: css });
      return found.length > 0 ? found[0][ELEMENT] : null;
    }, options);
  }

  async exists(css) {
    const found = await this.call("POST", "/elements", { using: "css selector", value: css });
    return found.length > 0;
  }

  byTestId(id) {
    return `[data-testid="${id}"]`;
  }

  async click(css) {
    // The element is found again if a re-render replaced it between finding and clicking.
    for (let attempt = 1; ; attempt += 1) {
      const element = await this.find(css);
      try {
        await waitFor(`${css} to be enabled`, async () =>
          this.call("GET", `/element/${element}/enabled`),
        );
        await this.call("POST", `/element/${element}/click`, {});
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(200);
      }
    }
  }

  async type(css, text) {
    // As click: the element is found again if a re-render replaced it in between (a form that
    // remounts when its profile arrives).
    for (let attempt = 1; ; attempt += 1) {
      const element = await this.find(css);
      try {
        await this.call("POST", `/element/${element}/clear`, {});
        await this.call("POST", `/element/${element}/value`, { text });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(200);
      }
    }
  }

  async text(css) {
    const element = await this.find(css);
    return this.call("GET", `/element/${element}/text`);
  }

  async attribute(css, name) {
    const element = await this.find(css);
    return this.call("GET", `/element/${element}/attribute/${name}`);
  }

  async value(css) {
    return this.call("POST", "/execute/sync", {
      script: "return document.querySelector(arguments[0])?.value ?? null",
      args: [css],
    });
  }

  /** Choose an option of a <select> by value, the way a user would (fires change/input). */
  async select(css, value) {
    await this.click(`${css} option[value="${value}"]`);
    await waitFor(`${css} = ${value}`, async () => (await this.value(css)) === value);
  }

  async waitForAttribute(css, name, expected, options) {
    return waitFor(`${css}[${name}=${expected}]`, async () => {
      const value = await this.attribute(css, name).catch(() => null);
      return value === expected ? value : null;
    }, options);
  }

  /**
   * A profile for an org (a simulated one: `{ base_url, client_id, client_secret }`), made as an
   * admin does: the form, Save, then the secret. `first`: from the welcome screen.
   */
  async addOrgProfile(name, org, { first = true } = {}) {
    const id = (t) => `[data-testid="${t}"]`;
    await this.click(id(first ? "connect-own-org" : "profile-new"));
    await this.type(id("profile-name"), name);
    await this.type(id("profile-domain"), org.base_url);
    await this.type(id("profile-client-id"), org.client_id);
    await this.click(id("profile-save"));
    await this.type(id("profile-secret"), org.client_secret);
    await this.click(id("save-secret"));
    await waitFor("the stored status", async () => /stored/i.test(await this.text(id("secret-status"))));
  }

  /** The app's process id (one app runs at a time in these tests). */
  appPid() {
    try {
      const out = execFileSync("pgrep", ["-n", "-f", APP_BIN], { encoding: "utf8" }).trim();
      return out ? Number(out) : null;
    } catch {
      return null;
    }
  }

  /** Close the window as the user would: the window manager's close request (see close-window.py). */
  async closeWindow() {
    const pid = this.appPid();
    if (!pid) throw new Error("the app is not running");
    const script = fileURLToPath(new URL("close-window.py", import.meta.url));
    execFileSync("/usr/bin/python3", [script, String(pid)]);
  }

  /** SIGKILL the app: no chance to clean up. */
  killApp() {
    const pid = this.appPid();
    if (pid) process.kill(pid, "SIGKILL");
    return pid;
  }

  /** Wait until the app's process is gone. */
  async waitForExit(timeoutMs = 30_000) {
    await waitFor("the app to exit", async () => this.appPid() === null, { timeoutMs });
  }

  /** Resize the window (the WebDriver window rect), then let the layout settle. */
  async resize(width, height) {
    await this.call("POST", "/window/rect", { width, height });
    await sleep(300);
  }

  /** Run `script` in the page (WebDriver execute/sync) and return its value. */
  async run(script, ...args) {
    return this.call("POST", "/execute/sync", { script, args });
  }

  async pageText() {
    return this.call("POST", "/execute/sync", { script: "return document.body.innerText", args: [] });
  }

  async screenshot(label) {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Let WebKit paint what the DOM already shows: without this the first capture of a session
    // can still hold the first frame ("Loading…").
    await this.call("POST", "/execute/async", {
      script:
        "const done = arguments[arguments.length - 1];" +
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
      args: [],
    });
    this.shots += 1;
    const file = join(ARTIFACTS, `${this.name}-${String(this.shots).padStart(2, "0")}-${label}.png`);
    // From the X server (the window as the admin sees it): WebKitWebDriver's screenshot can hang
    // on a session's first capture with the app's shared-memory frames (see window-id.py).
    const pid = this.appPid();
    const script = fileURLToPath(new URL("window-id.py", import.meta.url));
    const window = pid ? execFileSync("/usr/bin/python3", [script, String(pid)], { encoding: "utf8" }).trim() : "";
    if (window) {
      execFileSync("import", ["-window", window, file]);
    } else {
      const png = await this.call("GET", "/screenshot");
      writeFileSync(file, Buffer.from(png, "base64"));
    }
    return file;
  }

  async quit() {
    await this.call("DELETE", "", undefined).catch(() => {});
    const exited = new Promise((resolve) => this.driver.once("exit", resolve));
    killGroup(this.driver.pid, "SIGTERM");
    const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped) killGroup(this.driver.pid, "SIGKILL");
    // The app may outlive the driver for a moment: make sure nothing of this session is left.
    killGroup(this.driver.pid, "SIGKILL");
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

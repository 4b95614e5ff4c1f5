// A minimal W3C WebDriver client over fetch(), enough to drive the real Assay
// window through tauri-driver (which starts WebKitWebDriver).
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(application, { port = 4444, env } = {}) {
    const base = `http://127.0.0.1:${port}`;
    const capabilities = { "tauri:options": { application, ...(env ? { env } : {}) } };
    const body = await request("POST", `${base}/session`, { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, body.value.sessionId);
  }

  async command(method, path, payload) {
    const body = await request(method, `${this.base}/session/${this.id}${path}`, payload);
    return body.value;
  }

  /** Finds an element by CSS selector, retrying while the page loads. */
  async find(selector, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const value = await this.command("POST", "/element", { using: "css selector", value: selector });
        return value[ELEMENT];
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no element matches ${selector}: ${error.message}`);
        await sleep(150);
      }
    }
  }

  async text(selector) {
    return this.command("GET", `/element/${await this.find(selector)}/text`);
  }

  async click(selector) {
    await this.command("POST", `/element/${await this.find(selector)}/click`, {});
  }

  async type(selector, text) {
    await this.command("POST", `/element/${await this.find(selector)}/value`, { text });
  }

  /** Waits until `selector`'s text matches `pattern`, and returns it. */
  async waitForText(selector, pattern, { timeout = 15000 } = {}) {
    const deadline = Date.now() + timeout;
    let last = "";
    for (;;) {
      try {
        last = await this.text(selector);
        if (pattern.test(last)) return last;
      } catch {
        // The element may be re-rendered between find and read; try again.
      }
      if (Date.now() > deadline) throw new Error(`${selector} never matched ${pattern}; last text: ${last}`);
      await sleep(150);
    }
  }

  /** Runs `script` in the page and returns its result. */
  async execute(script, args = []) {
    return this.command("POST", "/execute/sync", { script, args });
  }

  /** Runs `script` in the page; it calls its last argument with the result. */
  async executeAsync(script, args = []) {
    return this.command("POST", "/execute/async", { script, args });
  }

  /** Presses keys (WebDriver key codes, such as "\uE004" for Tab) on the focused element. */
  async keys(text) {
    const active = await this.command("GET", "/element/active");
    await this.command("POST", `/element/${active[ELEMENT]}/value`, { text });
  }

  async screenshot() {
    return Buffer.from(await this.command("GET", "/screenshot"), "base64");
  }

  async end() {
    await request("DELETE", `${this.base}/session/${this.id}`).catch(() => {});
  }
}

async function request(method, url, payload) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(body.value ?? body)}`);
  return body;
}

import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp } from "./harness.js";
import { appInfo, templates } from "./fixtures.js";

test("start screen shows what Rust reports", async () => {
  const app = await openApp({ app_info: appInfo, templates });
  try {
    const { page } = app;
    await page.getByTestId("no-recent").waitFor();
    await app.screenshot("start-screen-mocked");
    await page.getByTestId("about").click();
    await page.getByTestId("app-version").waitFor();
    assert.equal(await page.getByTestId("app-version").textContent(), "9.8.7");
    assert.equal(await page.getByTestId("kb-version").textContent(), "2026.11.0");
    const totals = await page.getByTestId("framework-total").allTextContents();
    assert.deepEqual(totals, ["86", "1216"]);
    assert.match(await page.getByTestId("no-recent").textContent(), /No projects opened yet/);
    const commands = [...new Set((await app.calls()).map((c) => c.cmd).filter((c) => !c.startsWith("plugin:")))].sort();
    assert.deepEqual(commands, ["app_info", "project_summary", "startup_notice", "templates"]);
    await page.getByTestId("about-close").click();
    const options = await app.page.getByTestId("template").locator("option").allTextContents();
    assert.deepEqual(options, templates.map((t) => t.title));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("start screen shows the error code when Rust fails", async () => {
  const app = await openApp({ app_info: { reject: { code: "kb_invalid", message: "2 problems" } } });
  try {
    const banner = app.page.getByTestId("start-error");
    await banner.waitFor();
    assert.match(await banner.textContent(), /kb_invalid.*2 problems/);
  } finally {
    await app.close();
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp } from "./harness.js";
import { appInfo, items, kbSummary, searchHits, soc2Tree, templates } from "./fixtures.js";

const responses = {
  app_info: appInfo,
  templates,
  kb_summary: kbSummary,
  kb_tree: soc2Tree,
  kb_item: { byId: items },
  kb_search: searchHits,
};

test("search is keyboard driven and opens the chosen item", async () => {
  const app = await openApp(responses);
  try {
    const { page } = app;
    await page.getByTestId("nav-kb").click();
    await page.getByTestId("kb-tree").getByText("Security").first().waitFor();
    const search = page.getByTestId("kb-search");
    await search.fill("cc6.1");
    await page.getByTestId("kb-results").waitFor();
    await search.press("ArrowDown");
    await search.press("ArrowUp");
    await search.press("Enter");
    await page.getByTestId("detail-summary").waitFor();
    assert.match(await page.getByTestId("detail-id").textContent(), /soc2:CC6\.1/);
    const calls = await app.calls();
    assert.deepEqual(calls.find((c) => c.cmd === "kb_search").args, { query: "cc6.1", limit: 12 });
    await app.screenshot("kb-browser-mocked");

    // A crosswalk link opens the item at its other end.
    await page.getByTestId("detail-crosswalk").getByRole("button", { name: "AC-2" }).click();
    await page.getByText("Baselines:").waitFor();
    assert.match(await page.getByTestId("detail-id").textContent(), /nist-800-53r5:AC-2/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test("the tree moves with arrow keys and opens with Enter", async () => {
  const app = await openApp(responses);
  try {
    const { page } = app;
    await page.getByTestId("nav-kb").click();
    const first = page.locator("#node-soc2\\:security");
    await first.waitFor();
    await first.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByTestId("detail-summary").waitFor();
    assert.match(await page.getByTestId("detail-id").textContent(), /soc2:CC6\.1/);
  } finally {
    await app.close();
  }
});

test("an unknown ID shows the error code, not a blank pane", async () => {
  const app = await openApp({ ...responses, kb_search: [{ item: { id: "soc2:CC9.9", framework: "soc2", kind: "criterion", label: "CC9.9", title: "Gone" }, score: 1 }] });
  try {
    const { page } = app;
    await page.getByTestId("nav-kb").click();
    await page.getByTestId("kb-search").fill("cc9.9");
    await page.getByTestId("kb-results").waitFor();
    await page.getByTestId("kb-search").press("Enter");
    const banner = page.getByTestId("kb-error");
    await banner.waitFor();
    assert.match(await banner.textContent(), /unknown_id/);
  } finally {
    await app.close();
  }
});

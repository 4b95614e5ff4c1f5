// End to end: the SOC 2 sample project opens in the window with its
// readiness beside the interview, as the CLI computes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repo, screenshots, useApp } from "./driver.js";

const assay = join(repo, "target/debug/assay");
const answers = join(repo, "assets/questionnaires/samples/soc2-ai-saas.json");

const app = useApp(async (driver) => {
  const env = { ...process.env, ASSAY_HOME: driver.home };
  const project = join(driver.home, "saas.assay");
  execFileSync(assay, ["project", "new", project, "--template", "soc2-readiness", "--client", "Contract AI", "--system", "Platform"], { env });
  execFileSync(assay, ["project", "import-answers", project, answers], { env });
});

test("SOC 2 readiness shows beside the interview, as the CLI computes it", async () => {
  await app.session.waitForText('[data-testid="recent-projects"]', /Contract AI — Platform/);
  await app.session.click('[data-testid="recent-projects"] button[data-name^="Contract"]');
  await app.session.click('[data-testid="continue"]');
  const panel = await app.session.waitForText('[data-testid="readiness-panel"]', /gaps; most valuable first/, { timeout: 30000 });
  const env = { ...process.env, ASSAY_HOME: app.driver.home };
  const computed = JSON.parse(execFileSync(assay, ["assess", "soc2", "--answers", answers, "--format", "json"], { encoding: "utf8", env }));
  assert.match(panel, new RegExp(`${computed.gaps.length} gaps`));
  assert.match(await app.session.text('[data-testid="readiness-scores"]'), new RegExp(`Overall\\s*${Math.round(computed.overall.type1_percent)} %`));
  assert.match(await app.session.text('[data-testid="readiness-stale"]'), /CC6\.3/);
  await writeFile(join(screenshots, "soc2-readiness.png"), await app.session.screenshot());
});

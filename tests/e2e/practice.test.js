// End to end: interview practice in the window. A scenario is answered
// against the timer, graded as the CLI grades the same text, the feedback
// highlights the sentences that earned points, and the attempt joins the
// history (in the person's data folder, not a project).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repo, screenshots, useApp } from "./driver.js";

const assay = join(repo, "target/debug/assay");
const app = useApp();

test("a practice answer is graded, highlighted and kept in the history", async () => {
  const bank = JSON.parse(readFileSync(join(repo, "assets/practice/scenarios.json"), "utf8"));
  const scenario = bank.scenarios.find((s) => s.id === "eu-resume-screener");
  const answer = scenario.samples.find((s) => s.label === "middling").text;

  await app.session.click('[data-testid="nav-practice"]');
  await app.session.waitForText('[data-testid="practice-list"]', /Is an AI résumé screener high-risk/);
  await app.session.click('[data-testid="practice-start-eu-resume-screener"]');
  await app.session.waitForText('[data-testid="practice-timer"]', /left/);
  await app.session.type('[data-testid="practice-answer"]', answer);
  await app.session.click('[data-testid="practice-submit"]');
  const score = await app.session.waitForText('[data-testid="practice-score"]', /%/);

  const answerFile = join(app.driver.home, "answer.txt");
  await writeFile(answerFile, answer);
  const env = { ...process.env, ASSAY_HOME: join(app.driver.home, "cli") };
  const cli = JSON.parse(execFileSync(assay, ["practice", "grade", "eu-resume-screener", "--answer", answerFile, "--no-record", "--format", "json"], { encoding: "utf8", env }));
  assert.match(score, new RegExp(`^${cli.score} %`));
  const highlighted = await app.session.text('[data-testid="practice-highlighted"]');
  assert.ok(highlighted.includes(cli.points.find((p) => p.covered).evidence[0].slice(0, 40)));
  assert.match(await app.session.text('[data-testid="practice-points"]'), /Places the use case in Annex III point 4\(a\)/);
  await writeFile(join(screenshots, "practice-feedback.png"), await app.session.screenshot());

  await app.session.click('[data-testid="practice-done"]');
  const history = await app.session.waitForText('[data-testid="practice-history"]', /Is an AI résumé screener high-risk/);
  assert.match(history, new RegExp(`${cli.score} %`));
  assert.ok(existsSync(join(app.driver.home, "data/practice-attempts.sqlite")), "attempts are in the data folder");
});

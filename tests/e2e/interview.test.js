// End to end: the EU AI Act interview in the real window. The verdict on
// screen must be the one the CLI computes from the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repo, screenshots, useApp } from "./driver.js";

const app = useApp();

function cliVerdict(sample) {
  const answers = join(repo, `assets/questionnaires/samples/eu-ai-act-${sample}.json`);
  const out = execFileSync(join(repo, "target/debug/assay"), ["assess", "eu-ai-act", "--answers", answers, "--format", "json"], {
    encoding: "utf8",
  });
  return JSON.parse(out);
}

test("answering by hand: not sure blocks the verdict and says which question", async () => {
  await app.session.click('[data-testid="nav-interview"]');
  await app.session.waitForText('[data-testid="question"]', /.+/);
  // The first question is the free-text description; skip to the AI-system question.
  await app.session.click('[data-testid="next"]');
  await app.session.find('[data-question="ai_system"]');
  const why = await app.session.text('[data-testid="why-asked"]');
  assert.match(why, /Art\. 3\(1\)/);
  await app.session.click('[data-testid="answer-not_sure"]');
  await app.session.waitForText('[data-testid="risk-class"]', /Not yet determined/);
  assert.match(await app.session.text('[data-testid="open-questions"]'), /AI system|artificial intelligence|infer/i);
  await app.session.click('[data-testid="answer-no"]');
  // Not an AI system, but whether the organisation provides a
  // general-purpose AI model is still open: that could bring model duties.
  await app.session.waitForText('[data-testid="verdict-status"]', /Provisional/);
  assert.match(await app.session.text('[data-testid="open-questions"]'), /general-purpose AI model/);
  await app.session.click('[data-testid="next"]');
  await app.session.find('[data-question="gpai_model"]');
  await app.session.click('[data-testid="answer-no"]');
  await app.session.waitForText('[data-testid="risk-class"]', /Outside the AI Act/);
  await app.session.waitForText('[data-testid="verdict-status"]', /Final/);
  assert.match(await app.session.text('[data-testid="legal-basis"]'), /Art\. 3\(1\)/);
});

test("the employer's résumé screener: high-risk under Annex III 4(a), deployer duties dated", async () => {
  const expected = cliVerdict("cv-screener-deployer");
  await app.session.command("POST", `/element/${await app.session.find('[data-testid="sample-select"]')}/value`, { text: "cv-screener-deployer" });
  await app.session.waitForText('[data-testid="risk-class"]', /High-risk/);
  const basis = await app.session.text('[data-testid="legal-basis"]');
  assert.equal(basis, expected.legal_basis.join(", "));
  assert.equal(expected.status, "final");
  assert.equal(await app.session.text('[data-testid="roles"]'), expected.roles.map((r) => r[0].toUpperCase() + r.slice(1)).join(", "));
  assert.match(await app.session.text('[data-testid="trace"]'), /profiles natural persons/);
  await writeFile(join(screenshots, "interview-verdict.png"), await app.session.screenshot());

  await app.session.click('[data-testid="tab-plan"]');
  const plan = await app.session.waitForText('[data-testid="plan"]', /Art\. 26\(7\)/);
  assert.match(plan, /2027-12-02/);
  assert.match(plan, /was 2026-08-02/);
  assert.match(await app.session.text('[data-testid="fria-reason"]'), /Not legally required/);
  await writeFile(join(screenshots, "interview-plan.png"), await app.session.screenshot());
});

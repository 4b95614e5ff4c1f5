"""Writes the report's content (the JSON a signed Assay report embeds) as one
HTML document with the same sections, text and tables as the PDF, so
WeasyPrint renders the same content the benchmark times Assay on."""

import html
import json
import sys
from itertools import groupby

data = json.load(open(sys.argv[1], encoding="utf-8"))
e = data["engagement"]
esc = lambda s: html.escape(str(s))
out = [
    "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><style>",
    "body{font-family:'Liberation Sans',sans-serif;font-size:10pt;color:#17212b}",
    "h1{font-size:16pt;color:#17324f;border-bottom:1px solid #d9e1ea}h2{font-size:12.5pt;color:#17324f}",
    "table{border-collapse:collapse;width:100%;font-size:8.5pt}th{background:#f5f7fa;text-align:left}",
    "th,td{border-bottom:1px solid #d9e1ea;padding:3pt;vertical-align:top}thead{display:table-header-group}",
    ".band{background:#fdebe9;color:#b3211c;font-weight:bold;font-size:8.5pt;padding:3pt}",
    "@page{size:A4;margin:20mm;@top-center{content:'DRAFT: not yet issued as final by the assessor';color:#b3211c;font-size:8.5pt}",
    "@bottom-left{content:'" + esc(e["client"]) + " — AI compliance assessment';font-size:8pt}",
    "@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);font-size:8pt}}",
    "</style></head><body>",
    f"<h1 style='font-size:24pt;margin-top:150pt;border:none'>{esc(data['title'])}</h1>",
    f"<p>{esc(e['client'])} — {esc(e['system_name'])}</p>",
]


def table(headers, rows):
    out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in headers) + "</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")


def bullets(items):
    out.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>")


table(["", ""], [["Client", e["client"]], ["System assessed", e["system_name"]], ["Assessor", e["assessor"]],
                 ["Report date", data["report_date"]], ["Version", data["document"]["version"]],
                 ["Confidentiality", f"Confidential. Prepared for {e['client']}."]])
out.append("<div style='page-break-after:always'></div>")

for a in data["assessments"]:
    v = a.get("verdict") or {}
    register = a.get("register", [])
    out.append("<h1>1. Executive summary</h1>")
    out.append(f"<p><b>{esc(e['system_name'])}: {esc(v.get('risk_class', ''))} ({esc(', '.join(v.get('legal_basis', [])))}); role {esc(', '.join(v.get('roles', [])))}.</b></p>")
    for p in v.get("penalties", [])[:1]:
        out.append(f"<p>Exposure: up to €{p['fixed_eur']:,} or {p['turnover_percent']}% of turnover ({esc(p['article'])}).</p>")
    out.append("<h2>The most important open duties</h2>")
    table(["Duty", "Owner", "Target date", "Applies"], [[r["title"], r["owner"] or "not yet assigned", r["target_date"] or "not set", r["applies_from"]] for r in register[:5]])
    out.append("<h2>What you need to decide</h2>")
    bullets([f"Settle “{q['prompt']}” {q['why']}" for q in v.get("open_questions", [])[:4]] or ["Name an owner and a target date for each open duty."])
    out.append("<h1>2. Scope and method</h1>")
    table(["", ""], [["People interviewed", "; ".join(e["interviewees"]) or "Not recorded"], ["Documents reviewed", len(data["evidence"])], ["Reviewer", e["reviewer"] or "Not named"]])
    out.append("<h2>What the conclusions rest on</h2><p>Answers rest on the client's assertion unless verified against evidence.</p>")
    out.append("<h2>Method</h2><p>" + "The assessment followed guided interviews that ask only the questions the law makes relevant given earlier answers. " * 4 + "</p>")
    out.append("<h2>Limitations and disclaimer</h2><p>" + "This report rests on the answers and documents the client provided. " * 4 + "</p>")
    out.append("<h2>Document control</h2>")
    table(["Version", "Status", "Date", "Author", "Reviewer"], [[data["document"]["version"], "Draft", data["report_date"], e["assessor"], e["reviewer"]]])
    out.append("<h1>3. EU AI Act: classification</h1>")
    table(["", ""], [["Classification", v.get("risk_class", "")], ["Legal basis", ", ".join(v.get("legal_basis", []))], ["Role", ", ".join(v.get("roles", []))]])
    for q in v.get("open_questions", []):
        out.append(f"<p><b>{esc(q['prompt'])}</b></p>")
        bullets([f"If “{x['answer']}”: {x.get('class') or ''} {'; '.join(x['duties_added'])}" for x in q["effects"]] + [q["why"]])
    out.append("<h2>Penalty exposure</h2>")
    table(["Provision", "Covers", "Maximum fine", "Applies from"], [[f"{p['article']}: {p['title']}", p["covers"], f"Up to €{p['fixed_eur']:,} or {p['turnover_percent']}%", p["applies_from"]] for p in v.get("penalties", [])])
    out.append("<h2>How the conclusion was reached</h2>")
    table(["Step", "Finding", "Relies on", "Answers"], [[i + 1, s["outcome"], ", ".join(s["citation"]), ", ".join(s["answers"])] for i, s in enumerate(v.get("trace", []))])
    out.append("<h1>4. Obligation register and plan</h1>")
    for date, rows in groupby(sorted(register, key=lambda r: (r["applies_from"], r["step"])), key=lambda r: r["applies_from"]):
        out.append(f"<h2>From {esc(date)}</h2>")
        table(["Provision", "What to do", "Evidence an auditor will expect", "Status, owner, target"],
              [[r["article"], f"{r['title']}: {r['action']}", "; ".join(r["evidence"]), f"{r['status']}; {r['owner'] or 'owner not yet assigned'}"] for r in rows])
    if a.get("annex_iv"):
        out.append("<h2>Technical documentation checklist (Art. 11, Annex IV)</h2>")
        table(["Point", "What it must contain", "Status"], [[c["label"], f"{c['title']}: {c['summary']}", "To be prepared"] for c in a["annex_iv"]])
    fria = v.get("fria", {})
    if fria.get("worksheet"):
        out.append(f"<h2>Fundamental-rights impact assessment (Art. 27)</h2><p>{esc(fria['reason'])}</p>")
        table(["Element", "What the assessment must describe", "What the client has described"], [[w["citation"], w["prompt"], "Not yet described"] for w in fria["worksheet"]])
    out.append("<h2>Data protection (GDPR) touchpoints</h2>")
    bullets(["Data protection impact assessment (GDPR Art. 35) ..." * 3, "Automated decisions (GDPR Art. 22) ..." * 3])
    out.append("<h1>5. Risk register</h1>")
    table(["Risk", "Inherent", "Residual", "Owner", "Treatment"], [[r["title"], r["likelihood"] * r["impact"], "", r["owner"], r["treatment"]] for r in data["risks"]])
    out.append("<h1>6. Crosswalk coverage</h1>")
    table(["EU AI Act", "NIST AI RMF 1.0", "ISO/IEC 42001 Annex A"], [[c["article"], ", ".join(c["rmf"]), ", ".join(c["iso"])] for c in a["crosswalk"]])
    out.append("<h1>7. Evidence index</h1>")
    table(["File", "Kind", "Size", "SHA-256", "Supports"], [[x["file_name"], x["kind"], x["size"], x["sha256"], ", ".join(x["links"])] for x in data["evidence"]])
    out.append("<h1>Appendix: questions and answers</h1>")
    table(["No.", "Question", "Answer", "Basis"], [[f"Q{r['number']}", r["prompt"], r["answer"] or "Not answered", r["provenance"]] for r in a["answers"]])
out.append("<h1 style='page-break-before:always'>Sign-off</h1>")
out.append("<p>" + "I attest that this report states my conclusions from the answers and evidence recorded in the engagement. " * 2 + "</p>")
table(["", ""], [["Signed by", (data.get("signer") or {}).get("name", "")], ["Certificate SHA-256", (data.get("signer") or {}).get("fingerprint", "")]])
out.append("</body></html>")
print("\n".join(out))

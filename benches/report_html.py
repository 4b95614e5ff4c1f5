"""Writes the report's content (the JSON a signed Assay report embeds) as one
HTML document, so WeasyPrint can render the same text and tables."""

import html
import json
import sys

data = json.load(open(sys.argv[1], encoding="utf-8"))
e = data["engagement"]
out = [
    "<!doctype html><html><head><meta charset='utf-8'><style>",
    "body{font-family:'Liberation Sans',sans-serif;font-size:10pt;color:#17212b}",
    "h1{font-size:16pt;color:#17324f;border-bottom:1px solid #d9e1ea}h2{font-size:12.5pt;color:#17324f}",
    "table{border-collapse:collapse;width:100%;font-size:8.5pt}th{background:#f5f7fa;text-align:left}",
    "th,td{border-bottom:1px solid #d9e1ea;padding:3pt;vertical-align:top}thead{display:table-header-group}",
    "@page{size:A4;margin:20mm;@bottom-right{content:'Page ' counter(page) ' of ' counter(pages)}}",
    "</style></head><body>",
    f"<h1 style='font-size:24pt;margin-top:150pt'>{html.escape(data['title'])}</h1>",
    f"<p>{html.escape(e['client'])} — {html.escape(e['system_name'])}</p>",
    f"<p>Assessor {html.escape(e['assessor'])}, {data['report_date']}, project {data['project_id']}, knowledge base {data['kb_version']}</p>",
    "<div style='page-break-after:always'></div>",
]


def table(headers, rows):
    out.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers) + "</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")


for a in data["assessments"]:
    v = a.get("verdict") or {}
    out.append(f"<h1>EU AI Act: {html.escape(v.get('risk_class', ''))}</h1>")
    out.append(f"<p>Legal basis: {html.escape(', '.join(v.get('legal_basis', [])))}; roles: {html.escape(', '.join(v.get('roles', [])))}</p>")
    out.append("<h2>Reasoning trace</h2>")
    table(["Step", "Finding", "Relies on", "Answers used"], [[i + 1, s["outcome"], ", ".join(s["citation"]), ", ".join(s["answers"])] for i, s in enumerate(v.get("trace", []))])
    out.append("<h2>Open questions</h2>")
    for q in v.get("open_questions", []):
        out.append(f"<p><b>{html.escape(q['prompt'])}</b> {html.escape(q['why'])}</p>")
    out.append("<h2>Penalty exposure</h2>")
    table(["Provision", "Covers", "Fixed cap (EUR)", "Applies from"], [[p["article"], p["covers"], p["fixed_eur"], p["applies_from"]] for p in v.get("penalties", [])])
    out.append("<h1>Obligation register</h1>")
    table(["Provision", "What to do", "Evidence an auditor will expect", "Status, owner, target"], [[r["article"], f"{r['title']}: {r['action']}", "; ".join(r["evidence"]), f"{r['status']}; {r['owner'] or 'owner not yet assigned'}; {r['target_date'] or ''}"] for r in a.get("register", [])])
    out.append(f"<h2>Fundamental-rights impact assessment</h2><p>{html.escape(v.get('fria', {}).get('reason', ''))}</p>")
    out.append("<h1>Crosswalk coverage</h1>")
    table(["EU AI Act", "NIST AI RMF", "ISO/IEC 42001"], [[c["article"], ", ".join(c["rmf"]), ", ".join(c["iso"])] for c in a["crosswalk"]])
    out.append("<h1>Appendix: questions and answers</h1>")
    table(["No.", "Question", "Answer", "Basis"], [[f"Q{r['number']}", r["prompt"], r["answer"] or "Not answered", r["provenance"]] for r in a["answers"]])
out.append("<h1>Evidence index</h1>")
table(["File", "Size", "SHA-256"], [[x["file_name"], x["size"], x["sha256"]] for x in data["evidence"]])
out.append("</body></html>")
print("\n".join(out))

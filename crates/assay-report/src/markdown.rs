//! Report blocks as Markdown, so a text export says exactly what the PDF
//! section says. Charts have no Markdown form and are left out; the tables
//! they summarise are kept.

use crate::card::SystemCard;
use crate::data::ReportData;
use crate::layout::Block;

/// The system card of `data` as a standalone Markdown document.
pub fn system_card(data: &ReportData) -> String {
    let card = SystemCard::from_report(data);
    let mut out = format!("# System card: {}\n\n", inline(&card.system_name));
    out.push_str(&format!(
        "Client: {}. Prepared with Assay {} (knowledge base {}) on {}.\n\n",
        inline(&card.client),
        data.app_version,
        data.kb_version,
        crate::content::plain::date(&data.report_date)
    ));
    for block in crate::content::card::blocks(&card) {
        write_block(&mut out, &block);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Title { text, subtitle } => {
            out.push_str(&format!("# {}\n\n{}\n\n", inline(text), inline(subtitle)));
        }
        Block::Heading { level, text } => {
            // The card's sections are level 2 under the document's title.
            let hashes = "#".repeat(usize::from(*level).max(1));
            out.push_str(&format!("{hashes} {}\n\n", inline(text)));
        }
        Block::Paragraph { text, .. } => out.push_str(&format!("{}\n\n", inline(text))),
        Block::Bullets(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", inline(item)));
            }
            out.push('\n');
        }
        Block::KeyValue(pairs) => {
            for (key, value) in pairs {
                out.push_str(&format!("**{}:** {}\n\n", inline(key), inline(value)));
            }
        }
        Block::Table { headers, rows, .. } => {
            let line = |cells: &[String]| {
                let cells: Vec<String> = cells.iter().map(|c| inline(c)).collect();
                format!("| {} |\n", cells.join(" | "))
            };
            out.push_str(&line(headers));
            out.push_str(&format!("|{}\n", " --- |".repeat(headers.len())));
            for row in rows {
                out.push_str(&line(row));
            }
            out.push('\n');
        }
        Block::KeepTogether(blocks) => {
            for b in blocks {
                write_block(out, b);
            }
        }
        Block::Chart(_) | Block::PageBreak => {}
    }
}

/// Text a person typed, made safe to place in Markdown: characters that
/// would start markup are escaped and line breaks kept as spaces.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn typed_text_cannot_become_markup() {
        assert_eq!(inline("a|b *c*\n<x>"), "a\\|b \\*c\\* \\<x\\>");
    }
}

//! A small flow-layout engine: blocks in, positioned drawing commands on A4
//! pages out. Headings, wrapped paragraphs, bullet lists, key–value lists,
//! tables that break across pages with their header repeated, blocks kept
//! together, vector charts, and footers numbered "Page X of N" once the page
//! count is known.

use crate::charts::Chart;
use crate::font::{Weight, width, wrap};

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_H - MARGIN;
const BOTTOM: f32 = MARGIN + 24.0;
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

pub(crate) const BODY: f32 = 10.0;
const LEADING: f32 = 1.35;

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub(crate) f32, pub(crate) f32, pub(crate) f32);

pub(crate) const INK: Rgb = Rgb(0.09, 0.13, 0.17);
pub(crate) const MUTED: Rgb = Rgb(0.36, 0.42, 0.48);
pub(crate) const ACCENT: Rgb = Rgb(0.09, 0.2, 0.31);
pub(crate) const LINE: Rgb = Rgb(0.85, 0.88, 0.92);
pub(crate) const PANEL: Rgb = Rgb(0.96, 0.97, 0.98);

/// A drawing command at absolute page coordinates (origin bottom-left).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        weight: Weight,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Title {
        text: String,
        subtitle: String,
    },
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        size: f32,
        color: Rgb,
        weight: Weight,
    },
    Bullets(Vec<String>),
    KeyValue(Vec<(String, String)>),
    Table {
        headers: Vec<String>,
        widths: Vec<f32>,
        rows: Vec<Vec<String>>,
        size: f32,
    },
    Chart(Chart),
    PageBreak,
    /// Moves to a new page first if the blocks would not fit on this one.
    KeepTogether(Vec<Block>),
}

impl Block {
    pub(crate) fn text(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            size: BODY,
            color: INK,
            weight: Weight::Regular,
        }
    }

    pub(crate) fn small(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            size: 8.5,
            color: MUTED,
            weight: Weight::Regular,
        }
    }

    pub(crate) fn strong(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            size: BODY,
            color: INK,
            weight: Weight::Bold,
        }
    }

    pub(crate) fn h1(text: impl Into<String>) -> Block {
        Block::Heading {
            level: 1,
            text: text.into(),
        }
    }

    pub(crate) fn h2(text: impl Into<String>) -> Block {
        Block::Heading {
            level: 2,
            text: text.into(),
        }
    }
}

/// Laid-out pages and the outline entries (title, 1-based page).
#[derive(Debug, Default)]
pub(crate) struct Pages {
    pub(crate) pages: Vec<Vec<Draw>>,
    pub(crate) outline: Vec<(String, usize)>,
}

struct Layouter {
    out: Pages,
    y: f32,
}

fn line_height(size: f32) -> f32 {
    size * LEADING
}

fn heading_size(level: u8) -> f32 {
    match level {
        1 => 16.0,
        2 => 12.5,
        _ => 11.0,
    }
}

impl Layouter {
    fn page(&mut self) -> &mut Vec<Draw> {
        self.out.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.out.pages.push(Vec::new());
        self.y = TOP;
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn text_lines(&mut self, x: f32, lines: &[String], size: f32, weight: Weight, color: Rgb) {
        for line in lines {
            self.ensure(line_height(size));
            self.y -= line_height(size);
            let y = self.y + (line_height(size) - size) / 2.0;
            self.page().push(Draw::Text {
                x,
                y,
                text: line.clone(),
                size,
                weight,
                color,
            });
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title { text, subtitle } => {
                self.y -= 150.0;
                let lines = wrap(text, Weight::Bold, 24.0, CONTENT_W);
                self.text_lines(MARGIN, &lines, 24.0, Weight::Bold, ACCENT);
                self.y -= 6.0;
                let lines = wrap(subtitle, Weight::Regular, 13.0, CONTENT_W);
                self.text_lines(MARGIN, &lines, 13.0, Weight::Regular, MUTED);
                self.y -= 18.0;
                let y = self.y;
                self.page().push(Draw::Rect {
                    x: MARGIN,
                    y,
                    w: 60.0,
                    h: 3.0,
                    fill: Rgb(0.11, 0.49, 0.33),
                });
                self.y -= 24.0;
            }
            Block::Heading { level, text } => {
                let size = heading_size(*level);
                // A heading never ends a page: keep room for two body lines.
                self.ensure(line_height(size) + 14.0 + 2.0 * line_height(BODY));
                self.y -= if *level == 1 { 14.0 } else { 8.0 };
                if *level <= 2 {
                    self.out.outline.push((text.clone(), self.out.pages.len()));
                }
                let lines = wrap(text, Weight::Bold, size, CONTENT_W);
                self.text_lines(MARGIN, &lines, size, Weight::Bold, ACCENT);
                if *level == 1 {
                    self.y -= 4.0;
                    let y = self.y;
                    self.page().push(Draw::Line {
                        x1: MARGIN,
                        y1: y,
                        x2: PAGE_W - MARGIN,
                        y2: y,
                        color: LINE,
                        width: 0.8,
                    });
                }
                self.y -= 4.0;
            }
            Block::Paragraph {
                text,
                size,
                color,
                weight,
            } => {
                let lines = wrap(text, *weight, *size, CONTENT_W);
                self.text_lines(MARGIN, &lines, *size, *weight, *color);
                self.y -= 5.0;
            }
            Block::Bullets(items) => {
                for item in items {
                    let lines = wrap(item, Weight::Regular, BODY, CONTENT_W - 14.0);
                    // The first line is placed here, so the bullet goes with it.
                    self.ensure(line_height(BODY));
                    let y = self.y - line_height(BODY) + (line_height(BODY) - BODY) / 2.0;
                    self.page().push(Draw::Text {
                        x: MARGIN + 3.0,
                        y,
                        text: "•".into(),
                        size: BODY,
                        weight: Weight::Bold,
                        color: ACCENT,
                    });
                    self.text_lines(MARGIN + 14.0, &lines, BODY, Weight::Regular, INK);
                    self.y -= 2.0;
                }
                self.y -= 4.0;
            }
            Block::KeyValue(pairs) => {
                let key_w = 150.0;
                for (key, value) in pairs {
                    let values = wrap(value, Weight::Regular, BODY, CONTENT_W - key_w);
                    self.ensure(line_height(BODY) * values.len() as f32);
                    let top = self.y;
                    let y = top - line_height(BODY) + (line_height(BODY) - BODY) / 2.0;
                    self.page().push(Draw::Text {
                        x: MARGIN,
                        y,
                        text: key.clone(),
                        size: BODY,
                        weight: Weight::Bold,
                        color: MUTED,
                    });
                    self.text_lines(MARGIN + key_w, &values, BODY, Weight::Regular, INK);
                    self.y -= 2.0;
                }
                self.y -= 6.0;
            }
            Block::Table {
                headers,
                widths,
                rows,
                size,
            } => self.table(headers, widths, rows, *size),
            Block::Chart(chart) => {
                let h = chart.height();
                self.ensure(h);
                let top = self.y;
                let draws = chart.draw(MARGIN, top - h, CONTENT_W, h);
                self.page().extend(draws);
                self.y -= h + 8.0;
            }
            Block::PageBreak => self.new_page(),
            Block::KeepTogether(blocks) => {
                let h: f32 = blocks.iter().map(measure).sum();
                if h <= TOP - BOTTOM {
                    self.ensure(h);
                }
                for b in blocks {
                    self.block(b);
                }
            }
        }
    }

    fn table(&mut self, headers: &[String], widths: &[f32], rows: &[Vec<String>], size: f32) {
        let total: f32 = widths.iter().sum();
        let cols: Vec<f32> = widths.iter().map(|w| w / total * CONTENT_W).collect();
        let pad = 3.5;
        let lh = line_height(size);
        let cell_lines = |cells: &[String], weight: Weight| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&cols)
                .map(|(c, w)| wrap(c, weight, size, w - 2.0 * pad))
                .collect()
        };
        let header_lines = cell_lines(headers, Weight::Bold);
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let draw_row = |this: &mut Layouter,
                        lines: &[Vec<String>],
                        h: f32,
                        weight: Weight,
                        fill: Option<Rgb>| {
            let top = this.y;
            if let Some(fill) = fill {
                this.page().push(Draw::Rect {
                    x: MARGIN,
                    y: top - h,
                    w: CONTENT_W,
                    h,
                    fill,
                });
            }
            let mut x = MARGIN;
            for (cell, w) in lines.iter().zip(&cols) {
                for (i, line) in cell.iter().enumerate() {
                    let y = top - pad - (i as f32 + 1.0) * lh + (lh - size) / 2.0;
                    this.page().push(Draw::Text {
                        x: x + pad,
                        y,
                        text: line.clone(),
                        size,
                        weight,
                        color: INK,
                    });
                }
                x += w;
            }
            this.y -= h;
            let y = this.y;
            this.page().push(Draw::Line {
                x1: MARGIN,
                y1: y,
                x2: PAGE_W - MARGIN,
                y2: y,
                color: LINE,
                width: 0.5,
            });
        };
        // The header starts a page only with the first row under it.
        let first_h = rows.first().map_or(lh + 2.0 * pad, |row| {
            let lines = cell_lines(row, Weight::Regular);
            lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad
        });
        self.ensure(header_h + first_h.min(TOP - BOTTOM - header_h));
        draw_row(self, &header_lines, header_h, Weight::Bold, Some(PANEL));
        for row in rows {
            let lines = cell_lines(row, Weight::Regular);
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
            if self.y - h < BOTTOM {
                // The table continues on a new page under a repeated header.
                self.new_page();
                draw_row(self, &header_lines, header_h, Weight::Bold, Some(PANEL));
            }
            draw_row(self, &lines, h, Weight::Regular, None);
        }
        self.y -= 8.0;
    }
}

/// The height that must follow a heading on its page: its short
/// introductory paragraphs, then the first lines of what comes next.
fn lead_in(after: &[Block]) -> f32 {
    let mut height = 0.0;
    for block in after.iter().take(3) {
        match block {
            Block::Paragraph { .. } if measure(block) < 6.0 * line_height(BODY) => {
                height += measure(block);
            }
            other => return height + measure(other).min(6.0 * line_height(BODY)),
        }
    }
    height
}

/// The height a block takes (used to keep blocks together).
fn measure(block: &Block) -> f32 {
    match block {
        Block::Heading { level, text } => {
            let size = heading_size(*level);
            wrap(text, Weight::Bold, size, CONTENT_W).len() as f32 * line_height(size) + 26.0
        }
        Block::Paragraph {
            text, size, weight, ..
        } => wrap(text, *weight, *size, CONTENT_W).len() as f32 * line_height(*size) + 5.0,
        Block::Bullets(items) => {
            items
                .iter()
                .map(|i| {
                    wrap(i, Weight::Regular, BODY, CONTENT_W - 14.0).len() as f32
                        * line_height(BODY)
                        + 2.0
                })
                .sum::<f32>()
                + 4.0
        }
        Block::KeyValue(pairs) => {
            pairs
                .iter()
                .map(|(_, v)| {
                    wrap(v, Weight::Regular, BODY, CONTENT_W - 150.0).len() as f32
                        * line_height(BODY)
                        + 2.0
                })
                .sum::<f32>()
                + 6.0
        }
        Block::Chart(c) => c.height() + 8.0,
        Block::KeepTogether(blocks) => blocks.iter().map(measure).sum(),
        Block::Table { rows, size, .. } => (rows.len() + 1) as f32 * (line_height(*size) + 7.0),
        Block::Title { .. } | Block::PageBreak => TOP - BOTTOM,
    }
}

/// Lays out `blocks`, keeping each heading with the start of what follows
/// it, and adds the running footer with "Page X of N" and, when given, a
/// banner across the top of every page (a provisional or draft report says
/// so on each page, not only on the cover).
pub(crate) fn lay_out(blocks: &[Block], running_title: &str, banner: Option<&str>) -> Pages {
    let mut l = Layouter {
        out: Pages::default(),
        y: TOP,
    };
    l.new_page();
    for (i, block) in blocks.iter().enumerate() {
        if matches!(block, Block::Heading { .. }) {
            // A heading never ends a page: it goes with its introductory
            // paragraphs and the start of what they introduce.
            l.ensure(measure(block) + lead_in(&blocks[i + 1..]));
        }
        l.block(block);
    }
    let total = l.out.pages.len();
    for (i, page) in l.out.pages.iter_mut().enumerate() {
        footer(page, i, total, running_title);
        if let Some(text) = banner {
            draw_banner(page, text);
        }
    }
    l.out
}

fn footer(page: &mut Vec<Draw>, index: usize, total: usize, running_title: &str) {
    let footer = format!("Page {} of {total}", index + 1);
    let fw = width(&footer, Weight::Regular, 8.0);
    page.push(Draw::Line {
        x1: MARGIN,
        y1: MARGIN + 12.0,
        x2: PAGE_W - MARGIN,
        y2: MARGIN + 12.0,
        color: LINE,
        width: 0.5,
    });
    page.push(Draw::Text {
        x: PAGE_W - MARGIN - fw,
        y: MARGIN,
        text: footer,
        size: 8.0,
        weight: Weight::Regular,
        color: MUTED,
    });
    if index > 0 {
        let room = PAGE_W - 2.0 * MARGIN - fw - 12.0;
        let title = wrap(running_title, Weight::Regular, 8.0, room)
            .into_iter()
            .next()
            .unwrap_or_default();
        page.push(Draw::Text {
            x: MARGIN,
            y: MARGIN,
            text: title,
            size: 8.0,
            weight: Weight::Regular,
            color: MUTED,
        });
    }
}

/// The red band above the top margin.
fn draw_banner(page: &mut Vec<Draw>, text: &str) {
    const WARNING: Rgb = Rgb(0.70, 0.13, 0.11);
    let y = PAGE_H - MARGIN + 14.0;
    page.push(Draw::Rect {
        x: MARGIN,
        y: y - 4.0,
        w: CONTENT_W,
        h: 16.0,
        fill: Rgb(0.99, 0.92, 0.91),
    });
    let line = wrap(text, Weight::Bold, 8.5, CONTENT_W - 12.0)
        .into_iter()
        .next()
        .unwrap_or_default();
    page.push(Draw::Text {
        x: MARGIN + 6.0,
        y,
        text: line,
        size: 8.5,
        weight: Weight::Bold,
        color: WARNING,
    });
}

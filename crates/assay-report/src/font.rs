//! The report font and its measurements. printpdf draws the text; widths
//! for wrapping come from the font's own advance table, so lines fit.

use std::sync::OnceLock;

/// Liberation Sans (SIL OFL 1.1), shipped with its licence in `assets/fonts/`.
pub(crate) static REGULAR: &[u8] =
    include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advances of the Latin-1 range, looked up once; the cmap lookup is the
    /// hot spot of wrapping.
    latin: Vec<u16>,
}

impl Metrics {
    fn advance(&self, c: char) -> u32 {
        if let Some(a) = self.latin.get(c as usize) {
            return u32::from(*a);
        }
        let fallback = self.face.glyph_index('?');
        self.face
            .glyph_index(c)
            .or(fallback)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .map_or(0, u32::from)
    }
}

fn metrics(weight: Weight) -> &'static Metrics {
    static CELLS: [OnceLock<Metrics>; 2] = [OnceLock::new(), OnceLock::new()];
    let (cell, bytes) = match weight {
        Weight::Regular => (&CELLS[0], REGULAR),
        Weight::Bold => (&CELLS[1], BOLD),
    };
    cell.get_or_init(|| {
        let face = ttf_parser::Face::parse(bytes, 0).expect("the bundled font parses");
        let units_per_em = f32::from(face.units_per_em());
        let fallback = face.glyph_index('?');
        let latin = (0u32..256)
            .map(|code| {
                char::from_u32(code)
                    .and_then(|c| face.glyph_index(c).or(fallback))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0)
            })
            .collect();
        Metrics {
            face,
            units_per_em,
            latin,
        }
    })
}

/// Width of `text` in points at `size`. printpdf applies no kerning, so
/// neither does this.
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    let m = metrics(weight);
    let units: u32 = text.chars().map(|c| m.advance(c)).sum();
    units as f32 * size / m.units_per_em
}

/// Breaks `text` into lines no wider than `max` points: greedy by words,
/// and by characters for a word longer than a line (hashes, paths).
pub(crate) fn wrap(text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let space = width(" ", weight, size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = width(word, weight, size);
            let candidate = if line.is_empty() {
                word_width
            } else {
                line_width + space + word_width
            };
            if candidate <= max {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            if word_width <= max {
                line = word.to_owned();
                line_width = word_width;
            } else {
                // A word longer than a line (a hash, a path) breaks anywhere.
                for c in word.chars() {
                    let char_width = width(c.encode_utf8(&mut [0; 4]), weight, size);
                    if line_width + char_width > max && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += char_width;
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_weight() {
        assert!(width("Annex III", Weight::Regular, 10.0) > width("Annex", Weight::Regular, 10.0));
        assert!(width("Annex", Weight::Bold, 10.0) > width("Annex", Weight::Regular, 10.0));
        assert!(width("Łódź Zürich €", Weight::Regular, 10.0) > 0.0);
    }

    #[test]
    fn wrapped_lines_fit() {
        let text = "A consultant is handed a short description of an AI résumé-screening tool and must decide whether it is high-risk. 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        for line in wrap(text, Weight::Regular, 10.0, 150.0) {
            assert!(width(&line, Weight::Regular, 10.0) <= 150.0, "{line}");
        }
    }
}

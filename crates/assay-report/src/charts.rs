//! Vector charts: the 5×5 likelihood × impact heat map, readiness bars and a
//! timeline of the compliance plan. Each draws itself into a box.

use chrono::NaiveDate;

use crate::font::{Weight, width, wrap};
use crate::layout::{Draw, INK, LINE, MUTED, PANEL, Rgb};

/// Width of the label column of the bar chart and the timeline.
const BAR_LABEL_W: f32 = 170.0;
const TIMELINE_LABEL_W: f32 = 170.0;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Chart {
    /// Risks per (likelihood, impact) cell, both 1–5.
    HeatMap {
        counts: [[u32; 5]; 5],
        /// Score bands, lowest first: (first score, last score, label).
        bands: Vec<(u32, u32, String)>,
    },
    /// Labelled values from 0 to 1, each with the text shown after its bar.
    Bars { items: Vec<(String, f32, String)> },
    /// Deadlines on a time axis, with today marked.
    Timeline {
        items: Vec<(String, NaiveDate)>,
        today: NaiveDate,
    },
}

fn text(x: f32, y: f32, s: &str, size: f32, color: Rgb) -> Draw {
    Draw::Text {
        x,
        y,
        text: s.to_owned(),
        size,
        weight: Weight::Regular,
        color,
    }
}

/// `label` wrapped to at most two lines of `max` points; a longer label
/// keeps its first two lines, so nothing crosses into the chart.
fn lines(label: &str, size: f32, max: f32) -> Vec<String> {
    let mut out = wrap(label, Weight::Regular, size, max);
    out.truncate(2);
    out
}

/// The height of a row holding `label`.
fn row_height(label: &str, size: f32, max: f32, one_line: f32) -> f32 {
    if lines(label, size, max).len() > 1 {
        one_line + size * 1.2
    } else {
        one_line
    }
}

/// The bands a register without its own uses.
pub(crate) fn default_bands() -> Vec<(u32, u32, String)> {
    [
        (1, 4, "Low"),
        (5, 9, "Medium"),
        (10, 15, "High"),
        (16, 25, "Critical"),
    ]
    .into_iter()
    .map(|(a, b, l)| (a, b, l.to_owned()))
    .collect()
}

/// Green to red by the band `score` falls in.
fn risk_colour(bands: &[(u32, u32, String)], score: u32) -> Rgb {
    const COLOURS: [Rgb; 4] = [
        Rgb(0.78, 0.91, 0.82),
        Rgb(0.99, 0.93, 0.70),
        Rgb(0.99, 0.80, 0.58),
        Rgb(0.96, 0.63, 0.60),
    ];
    let index = bands
        .iter()
        .position(|(min, max, _)| (*min..=*max).contains(&score))
        .unwrap_or(bands.len().saturating_sub(1));
    COLOURS[index.min(COLOURS.len() - 1)]
}

impl Chart {
    pub(crate) fn height(&self) -> f32 {
        match self {
            Chart::HeatMap { .. } => 230.0,
            Chart::Bars { items } => {
                items
                    .iter()
                    .map(|(l, _, _)| row_height(l, 9.0, BAR_LABEL_W - 8.0, 18.0))
                    .sum::<f32>()
                    + 10.0
            }
            Chart::Timeline { items, .. } => {
                items
                    .iter()
                    .map(|(l, _)| row_height(l, 8.5, TIMELINE_LABEL_W - 8.0, 16.0))
                    .sum::<f32>()
                    + 40.0
            }
        }
    }

    pub(crate) fn draw(&self, x: f32, y: f32, w: f32, h: f32) -> Vec<Draw> {
        let mut out = Vec::new();
        match self {
            Chart::HeatMap { counts, bands } => {
                let cell = 36.0;
                let left = x + 70.0;
                let bottom = y + 30.0;
                for likelihood in 1..=5u32 {
                    for impact in 1..=5u32 {
                        let cx = left + (impact - 1) as f32 * cell;
                        let cy = bottom + (likelihood - 1) as f32 * cell;
                        out.push(Draw::Rect {
                            x: cx,
                            y: cy,
                            w: cell - 2.0,
                            h: cell - 2.0,
                            fill: risk_colour(bands, likelihood * impact),
                        });
                        let n = counts[(likelihood - 1) as usize][(impact - 1) as usize];
                        if n > 0 {
                            let label = n.to_string();
                            let tw = width(&label, Weight::Bold, 11.0);
                            out.push(Draw::Text {
                                x: cx + (cell - 2.0 - tw) / 2.0,
                                y: cy + 12.0,
                                text: label,
                                size: 11.0,
                                weight: Weight::Bold,
                                color: INK,
                            });
                        }
                    }
                    out.push(text(
                        left - 14.0,
                        bottom + (likelihood - 1) as f32 * cell + 13.0,
                        &likelihood.to_string(),
                        9.0,
                        MUTED,
                    ));
                }
                for impact in 1..=5u32 {
                    out.push(text(
                        left + (impact - 1) as f32 * cell + 14.0,
                        bottom - 14.0,
                        &impact.to_string(),
                        9.0,
                        MUTED,
                    ));
                }
                out.push(text(left, y + 2.0, "Impact →", 9.0, MUTED));
                out.push(text(
                    x,
                    bottom + 5.0 * cell - 10.0,
                    "Likelihood",
                    9.0,
                    MUTED,
                ));
                out.push(text(x, bottom + 5.0 * cell - 22.0, "↑", 9.0, MUTED));
                let legend_x = left + 5.0 * cell + 24.0;
                for (i, (min, max, label)) in bands.iter().enumerate() {
                    let ly = bottom + 4.0 * cell - i as f32 * 18.0;
                    out.push(Draw::Rect {
                        x: legend_x,
                        y: ly,
                        w: 12.0,
                        h: 12.0,
                        fill: risk_colour(bands, *min),
                    });
                    out.push(text(
                        legend_x + 18.0,
                        ly + 2.0,
                        &format!("{label} ({min}–{max})"),
                        9.0,
                        INK,
                    ));
                }
            }
            Chart::Bars { items } => {
                let bar_w = w - BAR_LABEL_W - 70.0;
                let mut row_top = y + h - 10.0;
                for (label, value, after) in items {
                    let rh = row_height(label, 9.0, BAR_LABEL_W - 8.0, 18.0);
                    // The bar sits level with the label's first line; a
                    // second line runs below it, inside the row.
                    let first_baseline = row_top - 12.0;
                    for (i, line) in lines(label, 9.0, BAR_LABEL_W - 8.0).iter().enumerate() {
                        out.push(text(x, first_baseline - i as f32 * 10.8, line, 9.0, INK));
                    }
                    let by = first_baseline - 2.0;
                    out.push(Draw::Rect {
                        x: x + BAR_LABEL_W,
                        y: by,
                        w: bar_w,
                        h: 11.0,
                        fill: PANEL,
                    });
                    let v = value.clamp(0.0, 1.0);
                    out.push(Draw::Rect {
                        x: x + BAR_LABEL_W,
                        y: by,
                        w: bar_w * v,
                        h: 11.0,
                        fill: Rgb(0.12, 0.37, 0.66),
                    });
                    out.push(text(
                        x + BAR_LABEL_W + bar_w + 6.0,
                        first_baseline,
                        after,
                        9.0,
                        MUTED,
                    ));
                    row_top -= rh;
                }
            }
            Chart::Timeline { items, today } => {
                let axis_x = x + TIMELINE_LABEL_W;
                // Room after the axis for the last date label.
                let axis_w = w - TIMELINE_LABEL_W - 64.0;
                let first = items
                    .iter()
                    .map(|(_, d)| *d)
                    .chain([*today])
                    .min()
                    .unwrap_or(*today);
                let last = items
                    .iter()
                    .map(|(_, d)| *d)
                    .chain([*today])
                    .max()
                    .unwrap_or(*today);
                let start = first - chrono::Duration::days(30);
                let span = ((last - start).num_days() + 30).max(1) as f32;
                let at = |d: NaiveDate| axis_x + (d - start).num_days() as f32 / span * axis_w;
                let top = y + h - 14.0;
                // Year ticks.
                for year in start
                    .format("%Y")
                    .to_string()
                    .parse::<i32>()
                    .unwrap_or(2025)
                    ..=last.format("%Y").to_string().parse::<i32>().unwrap_or(2030) + 1
                {
                    if let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1)
                        && d >= start
                        && at(d) <= axis_x + axis_w
                    {
                        out.push(Draw::Line {
                            x1: at(d),
                            y1: y + 16.0,
                            x2: at(d),
                            y2: top,
                            color: LINE,
                            width: 0.5,
                        });
                        out.push(text(at(d) + 2.0, y + 4.0, &year.to_string(), 8.0, MUTED));
                    }
                }
                let mut row_top = top;
                for (label, due) in items {
                    let rh = row_height(label, 8.5, TIMELINE_LABEL_W - 8.0, 16.0);
                    let first_baseline = row_top - 11.0;
                    for (i, line) in lines(label, 8.5, TIMELINE_LABEL_W - 8.0).iter().enumerate() {
                        out.push(text(x, first_baseline - i as f32 * 10.2, line, 8.5, INK));
                    }
                    let end = at(*due);
                    let begin = at(*today).min(end);
                    let colour = if *due <= *today {
                        Rgb(0.75, 0.22, 0.17)
                    } else {
                        Rgb(0.12, 0.37, 0.66)
                    };
                    out.push(Draw::Rect {
                        x: begin,
                        y: first_baseline - 1.0,
                        w: (end - begin).max(3.0),
                        h: 9.0,
                        fill: colour,
                    });
                    out.push(text(
                        end.max(begin + 3.0) + 3.0,
                        first_baseline,
                        &due.format("%-d %b %Y").to_string(),
                        7.5,
                        MUTED,
                    ));
                    row_top -= rh;
                }
                out.push(Draw::Line {
                    x1: at(*today),
                    y1: y + 14.0,
                    x2: at(*today),
                    y2: top + 4.0,
                    color: Rgb(0.11, 0.49, 0.33),
                    width: 1.2,
                });
                out.push(text(
                    at(*today) + 2.0,
                    top + 2.0,
                    "today",
                    7.5,
                    Rgb(0.11, 0.49, 0.33),
                ));
            }
        }
        out
    }
}

//! The histogram of a pair's bead scores as an inline SVG: 20 bins of 0.05,
//! each bar stacked by status (edited, confirmed, auto), a strip of the score
//! bands under the axis and the review threshold as a dashed line.

use crate::review::{BeadMark, Status};

use super::band::{band, LABELS};
use super::escape::escaped;

const BINS: usize = 20;
const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 40.0;

/// Bottom to top in a bar: the work a person did sits on the axis, where it
/// is easy to compare.
const STACK: [Status; 3] = [Status::Edited, Status::Confirmed, Status::Auto];

/// Appends the `<svg>` of the scores of `marks`.
pub fn histogram(out: &mut String, pair: &str, marks: &[BeadMark], threshold: f64) {
    let mut counts = [[0usize; 3]; BINS];
    for m in marks {
        // A score of 1.0 belongs to the last bin, not to a 21st.
        let bin = ((m.score * BINS as f64) as usize).min(BINS - 1);
        let stack = STACK.iter().position(|&s| s == m.status).expect("every status is stacked");
        counts[bin][stack] += 1;
    }
    let highest = counts.iter().map(|c| c.iter().sum::<usize>()).max().unwrap_or(0).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |score: f64| LEFT + score * plot_w;
    let bar_w = plot_w / BINS as f64;
    w!(
        out,
        r#"<svg class="histogram" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{}">"#,
        escaped(&format!("scores of the {pair} beads by status"))
    );
    w!(out, "<title>{}</title>", escaped(&format!("Scores of the {} {pair} beads", marks.len())));
    for (bin, stacked) in counts.iter().enumerate() {
        let mut y = TOP + plot_h;
        for (stack, &n) in stacked.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let h = n as f64 / highest as f64 * plot_h;
            y -= h;
            let status = STACK[stack];
            let (low, high) = (bin as f64 / BINS as f64, (bin + 1) as f64 / BINS as f64);
            w!(
                out,
                r#"<rect class="st-{}" x="{:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}"><title>{low:.2}–{high:.2}: {n} {}</title></rect>"#,
                status.name(),
                x(low) + 0.5,
                bar_w - 1.0,
                status.name()
            );
        }
    }
    // The band strip names the colours the plot and the table use.
    let strip_y = TOP + plot_h + 3.0;
    for (b, label) in LABELS.iter().enumerate() {
        let bins: Vec<usize> = (0..BINS).filter(|&bin| band((bin as f64 + 0.5) / BINS as f64) == b).collect();
        let (first, last) = (bins[0], bins[bins.len() - 1]);
        let (x0, x1) = (x(first as f64 / BINS as f64), x((last + 1) as f64 / BINS as f64));
        w!(
            out,
            r#"<rect class="band b{b}" x="{x0:.1}" y="{strip_y:.1}" width="{:.1}" height="5"><title>{label}</title></rect>"#,
            x1 - x0
        );
    }
    let axis_y = TOP + plot_h;
    w!(out, r#"<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{}" y2="{axis_y}"/>"#, LEFT + plot_w);
    w!(out, r#"<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{axis_y}"/>"#);
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        w!(out, r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{tick}</text>"#, x(tick), axis_y + 20.0);
    }
    w!(out, r#"<text class="tick" x="{}" y="{}" text-anchor="end">{highest}</text>"#, LEFT - 4.0, TOP + 4.0);
    w!(out, r#"<text class="tick" x="{}" y="{axis_y}" text-anchor="end">0</text>"#, LEFT - 4.0);
    w!(
        out,
        r#"<text class="label" x="{}" y="{}" text-anchor="middle">score</text>"#,
        LEFT + plot_w / 2.0,
        HEIGHT - 4.0
    );
    let tx = x(threshold.clamp(0.0, 1.0));
    w!(
        out,
        r#"<line class="threshold" x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{axis_y}"><title>review threshold {threshold}</title></line>"#
    );
    out.push_str("</svg>");
}

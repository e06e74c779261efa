//! The alignment path of a pair as an inline SVG: pivot sentence ids on x,
//! the other language's on y, one mark per bead coloured by its score band.
//! A 1-1 bead is a circle, any other shape a rectangle over the sentences it
//! spans (a deletion a flat one on the boundary it sits at), a flagged bead
//! has a dark outline and is drawn last so that nothing hides it. Each mark
//! links to its row of the table and has a `<title>` (the hover text);
//! there is no script, so a 10k-bead plot costs only its elements.

use crate::align::Bead;

use super::band::band;
use super::escape::escaped;

const SIZE: f64 = 520.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 28.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 44.0;

/// One bead as the plot shows it.
pub struct Mark<'a> {
    pub bead: &'a Bead,
    pub score: f64,
    pub flagged: bool,
    /// The row of the table it belongs to, for the link.
    pub row: usize,
    /// The hover text (plain text; escaped here).
    pub title: String,
}

/// Appends the `<svg>` of a pair with `n_pivot` and `n_other` sentences.
pub fn plot(out: &mut String, langs: [&str; 2], n_pivot: usize, n_other: usize, marks: &[Mark]) {
    let sx = SIZE / n_pivot.max(1) as f64;
    let sy = SIZE / n_other.max(1) as f64;
    let x = |i: usize| LEFT + i as f64 * sx;
    let y = |j: usize| TOP + SIZE - j as f64 * sy;
    // Marks shrink with the cells but stay big enough to see and to hover;
    // on long documents they overlap into a line coloured by the scores.
    let r = (0.45 * sx.min(sy)).clamp(2.2, 5.0);
    let (width, height) = (LEFT + SIZE + RIGHT, TOP + SIZE + BOTTOM);
    w!(
        out,
        r#"<svg class="plot" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}">"#,
        escaped(&format!("alignment path of {} and {}", langs[0], langs[1]))
    );
    w!(out, r#"<rect class="frame" x="{LEFT}" y="{TOP}" width="{SIZE}" height="{SIZE}"/>"#);
    axes(out, langs, n_pivot, n_other, &x, &y);
    w!(out, r#"<line class="diagonal" x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{TOP}"/>"#, y(0), x(n_pivot));
    out.push_str(r#"<polyline class="path" points=""#);
    w!(out, "{:.1},{:.1}", x(0), y(0));
    for m in marks {
        w!(out, " {:.1},{:.1}", x(m.bead.src.end), y(m.bead.tgt.end));
    }
    out.push_str(r#""/>"#);
    // 1-1 beads first, flagged beads last: what needs a look is on top.
    let mut order: Vec<&Mark> = marks.iter().collect();
    order.sort_by_key(|m| (m.flagged, !is_one_to_one(m.bead)));
    for m in order {
        let class = format!("m b{}{}", band(m.score), if m.flagged { " f" } else { "" });
        w!(out, "<a href=\"#r{}\">", m.row);
        let b = m.bead;
        if is_one_to_one(b) {
            w!(
                out,
                r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="{r:.1}">"#,
                (x(b.src.start) + x(b.src.end)) / 2.0,
                (y(b.tgt.start) + y(b.tgt.end)) / 2.0
            );
            w!(out, "<title>{}</title></circle></a>", escaped(&m.title));
        } else {
            let (cx, cy) = ((x(b.src.start) + x(b.src.end)) / 2.0, (y(b.tgt.start) + y(b.tgt.end)) / 2.0);
            // A little bigger than a circle, so that the shape tells even where the marks crowd.
            let least = 2.0 * r + 2.0;
            let (wd, ht) = ((x(b.src.end) - x(b.src.start)).max(least), (y(b.tgt.start) - y(b.tgt.end)).max(least));
            w!(
                out,
                r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{wd:.1}" height="{ht:.1}">"#,
                cx - wd / 2.0,
                cy - ht / 2.0
            );
            w!(out, "<title>{}</title></rect></a>", escaped(&m.title));
        }
    }
    out.push_str("</svg>");
}

fn is_one_to_one(b: &Bead) -> bool {
    b.src.len() == 1 && b.tgt.len() == 1
}

/// Ticks at round sentence ids and the axis labels.
fn axes(
    out: &mut String,
    langs: [&str; 2],
    n_pivot: usize,
    n_other: usize,
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(usize) -> f64,
) {
    let bottom = TOP + SIZE;
    for i in ticks(n_pivot) {
        w!(out, r#"<line class="tick" x1="{:.1}" y1="{bottom}" x2="{:.1}" y2="{}"/>"#, x(i), x(i), bottom + 4.0);
        w!(out, r#"<text class="tick" x="{:.1}" y="{}" text-anchor="middle">{i}</text>"#, x(i), bottom + 16.0);
    }
    for j in ticks(n_other) {
        w!(out, r#"<line class="tick" x1="{}" y1="{:.1}" x2="{LEFT}" y2="{:.1}"/>"#, LEFT - 4.0, y(j), y(j));
        w!(out, r#"<text class="tick" x="{}" y="{:.1}" text-anchor="end">{j}</text>"#, LEFT - 6.0, y(j) + 4.0);
    }
    w!(
        out,
        r#"<text class="label" x="{}" y="{}" text-anchor="middle">{} sentence</text>"#,
        LEFT + SIZE / 2.0,
        bottom + 36.0,
        escaped(langs[0])
    );
    w!(
        out,
        r#"<text class="label" transform="translate(16 {}) rotate(-90)" text-anchor="middle">{} sentence</text>"#,
        TOP + SIZE / 2.0,
        escaped(langs[1])
    );
}

/// Round ids from 0 to `n`: a step of 1, 2 or 5 times a power of ten that
/// gives at most 6 intervals, and `n` itself.
fn ticks(n: usize) -> Vec<usize> {
    let mut step = 1;
    'search: for scale in [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000] {
        for unit in [1, 2, 5] {
            step = unit * scale;
            if n / step <= 6 {
                break 'search;
            }
        }
    }
    let mut ticks: Vec<usize> = (0..=n).step_by(step).collect();
    // The last id gets a tick unless a round one sits too close to it.
    if !n.is_multiple_of(step) {
        if n % step < step / 3 {
            ticks.pop();
        }
        ticks.push(n);
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_end_at_n() {
        assert_eq!(ticks(0), [0]);
        assert_eq!(ticks(5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(ticks(12), [0, 2, 4, 6, 8, 10, 12]);
        assert_eq!(ticks(10_000), [0, 2000, 4000, 6000, 8000, 10_000]);
        assert_eq!(ticks(10_150), [0, 2000, 4000, 6000, 8000, 10_150]);
        assert_eq!(ticks(37), [0, 10, 20, 30, 37]);
    }

    fn marks_of(beads: &[Bead]) -> Vec<Mark<'_>> {
        beads
            .iter()
            .enumerate()
            .map(|(row, bead)| Mark { bead, score: 0.95, flagged: row == 1, row, title: format!("<bead {row}>") })
            .collect()
    }

    #[test]
    fn one_to_one_beads_are_circles_and_others_rectangles() {
        let beads = [Bead::new(0..1, 0..1), Bead::new(1..3, 1..2), Bead::new(3..4, 2..2)];
        let mut svg = String::new();
        plot(&mut svg, ["en", "ru"], 4, 2, &marks_of(&beads));
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
        assert_eq!(svg.matches(r#"<rect class="m"#).count(), 2, "{svg}");
        assert_eq!(svg.matches(r#"class="m b4 f""#).count(), 1, "the flagged bead is outlined: {svg}");
        assert!(svg.contains("<title>&lt;bead 0&gt;</title>"), "titles are escaped: {svg}");
        assert!(svg.contains(r##"<a href="#r2">"##), "{svg}");
    }

    #[test]
    fn the_flagged_mark_is_drawn_last() {
        let beads = [Bead::new(0..1, 0..1), Bead::new(1..2, 1..2), Bead::new(2..3, 2..3)];
        let mut svg = String::new();
        plot(&mut svg, ["en", "ru"], 3, 3, &marks_of(&beads));
        let flagged = svg.find("#r1").unwrap();
        assert!(svg.find("#r2").unwrap() < flagged && svg.find("#r0").unwrap() < flagged, "{svg}");
    }
}

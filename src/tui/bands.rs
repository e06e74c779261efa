//! Colour bands by score and the marks of the row statuses: what the eye uses to find the doubtful
//! rows on a page before reading any text.

use ratatui::style::{Color, Modifier, Style};
use trialign::review::CONFIDENT_SCORE;

/// Where a score falls: below the review threshold, doubtful, or as sure as the flags call a
/// confident bead (the scores are calibrated: 0.9 is right nine times in ten).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Low,
    Doubtful,
    Sure,
}

impl Band {
    pub fn of(score: f64, review_threshold: f64) -> Band {
        if score < review_threshold {
            Band::Low
        } else if score < CONFIDENT_SCORE {
            Band::Doubtful
        } else {
            Band::Sure
        }
    }

    pub fn style(self) -> Style {
        let colour = match self {
            Band::Low => Color::Red,
            Band::Doubtful => Color::Yellow,
            Band::Sure => Color::Green,
        };
        Style::new().fg(colour)
    }
}

/// The mark of a row's status in its gutter: a person's work stands out from the model's.
pub fn status_mark(status: trialign::review::Status) -> (&'static str, Style) {
    use trialign::review::Status;
    match status {
        Status::Auto => (" ", Style::new()),
        Status::Confirmed => ("✓", Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)),
        Status::Edited => ("✎", Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_threshold() {
        assert_eq!(Band::of(0.3, 0.5), Band::Low);
        assert_eq!(Band::of(0.5, 0.5), Band::Doubtful);
        assert_eq!(Band::of(0.95, 0.5), Band::Sure);
        assert_eq!(Band::of(0.6, 0.7), Band::Low);
    }
}

//! Where a bead stands in the review: as the aligner left it, checked by a
//! person, or changed by one.

use std::fmt;
use std::str::FromStr;

/// The review status of a bead (and, derived, of a row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// As aligned: nobody has looked at it.
    Auto,
    /// A person checked it and left it as it was.
    Confirmed,
    /// A person changed it; an edited bead is also confirmed.
    Edited,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Auto, Status::Confirmed, Status::Edited];

    /// The name in files and on screen: `auto`, `confirmed`, `edited`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Auto => "auto",
            Status::Confirmed => "confirmed",
            Status::Edited => "edited",
        }
    }

    /// Whether a person has vouched for the bead (confirmed or edited).
    pub fn is_reviewed(self) -> bool {
        self != Status::Auto
    }

    /// The status of a group of beads shown as one row: `Auto` while any of
    /// them is, else `Edited` when a person changed any, else `Confirmed`.
    /// `None` for no beads.
    pub fn of_group(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
        statuses.into_iter().fold(None, |acc, s| {
            Some(match (acc, s) {
                (None, s) => s,
                (Some(Status::Auto), _) | (_, Status::Auto) => Status::Auto,
                (Some(Status::Edited), _) | (_, Status::Edited) => Status::Edited,
                _ => Status::Confirmed,
            })
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A status name that is none of `auto`, `confirmed`, `edited`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a status (auto, confirmed or edited)")]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Status, UnknownStatus> {
        Status::ALL.into_iter().find(|st| st.name() == s).ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for s in Status::ALL {
            assert_eq!(s.name().parse::<Status>(), Ok(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.name()));
        }
        assert!("Auto".parse::<Status>().is_err());
    }

    #[test]
    fn a_row_is_auto_while_any_bead_is() {
        use Status::*;
        assert_eq!(Status::of_group([]), None);
        assert_eq!(Status::of_group([Confirmed, Edited, Auto]), Some(Auto));
        assert_eq!(Status::of_group([Confirmed, Edited]), Some(Edited));
        assert_eq!(Status::of_group([Confirmed, Confirmed]), Some(Confirmed));
    }
}

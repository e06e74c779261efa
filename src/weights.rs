//! Files of named weights: the fitted parameters of the bead model
//! (`evidence/weights.tsv`) and of the confidence model
//! (`align/confidence.tsv`), one `name<TAB>value` line each.
//!
//! ```text
//! # comments and blank lines are skipped
//! lexical<TAB>0.45
//! ```

/// The values of `names`, in their order, read from `name<TAB>value`
/// lines; every name must be given exactly once, and no other.
pub fn named_values(text: &str, names: &[&str]) -> Result<Vec<f64>, String> {
    let mut values = vec![None; names.len()];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, value) = line.split_once('\t').ok_or_else(|| format!("not `name<TAB>value`: {line:?}"))?;
        let name = name.trim();
        let k = names.iter().position(|n| *n == name).ok_or_else(|| format!("unknown weight {name:?}"))?;
        let value: f64 = value.trim().parse().map_err(|_| format!("not a number: {value:?}"))?;
        if !value.is_finite() {
            return Err(format!("{name}: not a finite number: {value}"));
        }
        if values[k].replace(value).is_some() {
            return Err(format!("{name} is given twice"));
        }
    }
    names.iter().zip(values).map(|(name, v)| v.ok_or_else(|| format!("no weight for {name}"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_once_in_its_order() {
        let text = "# a comment\n\nb\t2.5\na\t-1\n";
        assert_eq!(named_values(text, &["a", "b"]).unwrap(), vec![-1.0, 2.5]);
    }

    #[test]
    fn missing_unknown_repeated_and_malformed_lines_are_refused() {
        assert!(named_values("a\t1\n", &["a", "b"]).unwrap_err().contains("no weight for b"));
        assert!(named_values("a\t1\nc\t2\n", &["a"]).unwrap_err().contains("unknown weight \"c\""));
        assert!(named_values("a\t1\na\t2\n", &["a"]).unwrap_err().contains("twice"));
        assert!(named_values("a 1\n", &["a"]).unwrap_err().contains("name<TAB>value"));
        assert!(named_values("a\tone\n", &["a"]).unwrap_err().contains("not a number"));
        assert!(named_values("a\tNaN\n", &["a"]).unwrap_err().contains("finite"));
    }
}

//! PDF: the text `pdftotext -layout` (Poppler, Debian's `poppler-utils`)
//! takes out of it, started as a subprocess; each line trimmed, pages
//! ending paragraphs, blank lines kept as paragraph breaks.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::{Format, InputError, Paragraphs};

/// The program, for messages and tests.
pub const PDFTOTEXT: &str = "pdftotext";

pub(super) fn to_text(path: &Path, pdf: &[u8]) -> Result<String, InputError> {
    let bad = |reason: String| InputError::BadFormat { path: path.to_path_buf(), format: Format::Pdf, reason };
    let child = Command::new(PDFTOTEXT)
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(InputError::NoPdftotext { path: path.to_path_buf() })
        }
        Err(e) => return Err(bad(format!("{PDFTOTEXT} could not be started: {e}"))),
    };
    let (mut stdin, mut stdout) = (child.stdin.take(), child.stdout.take());
    // The PDF goes in while the text comes out: neither pipe may fill up.
    let text = std::thread::scope(|s| {
        s.spawn(move || {
            if let Some(mut stdin) = stdin.take() {
                let _ = stdin.write_all(pdf); // a refused PDF closes the pipe early: its error tells why
            }
        });
        let mut text = Vec::new();
        stdout.take().map(|mut o| o.read_to_end(&mut text));
        text
    });
    let output = child.wait_with_output().map_err(|e| bad(format!("{PDFTOTEXT} failed: {e}")))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(bad(format!("{PDFTOTEXT} could not read it: {}", why.trim())));
    }
    let text = String::from_utf8(text).map_err(|_| bad(format!("{PDFTOTEXT} wrote text that is not UTF-8")))?;
    Ok(paragraphs(&text))
}

/// The layout text as paragraphs: lines trimmed, blank lines and page
/// breaks (form feeds) ending paragraphs.
fn paragraphs(layout: &str) -> String {
    let mut out = Paragraphs::new();
    let mut open = false;
    for page in layout.split('\u{0C}') {
        for line in page.split('\n') {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if line.is_empty() {
                out.end();
            } else if open {
                out.line_break();
            }
            out.push(line);
            open = !line.is_empty();
        }
        out.end();
        open = false;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_lines_are_trimmed_and_pages_end_paragraphs() {
        let layout = "   Title\r\n  First line\n  goes on.   \n\n\nNext.\u{0C}Page two.\n\u{0C}";
        assert_eq!(paragraphs(layout), "Title\nFirst line\ngoes on.\n\nNext.\n\nPage two.\n");
    }
}

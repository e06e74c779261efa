//! What the fuzz targets share: choices read off the first bytes of an
//! input, and the archive a DOCX or ODT target wraps its XML in.

use std::io::Write;

/// `options[b % len]`: a choice made by one byte of the input, so that the
/// fuzzer explores the choices as it explores the bytes.
pub fn pick<T: Copy>(options: &[T], b: u8) -> T {
    options[usize::from(b) % options.len()]
}

/// The languages the segmenter has rules for, and one it has none for.
pub const LANGS: [&str; 8] = ["en", "ru", "zh", "de", "fr", "ja", "uk", "xx"];

/// A zip archive holding `xml` as its member `name` (stored, uncompressed:
/// the target is the XML converter, not the inflater).
pub fn archive(name: &str, xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file(name, options).expect("a member starts");
    zip.write_all(xml).expect("a member is written");
    zip.finish().expect("an archive in memory is finished").into_inner()
}

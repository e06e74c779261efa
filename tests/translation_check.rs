//! The not-a-translation check on the development sets without lexicons:
//! no real translation is refused, and a chapter paired with another one
//! is (long enough for the rare words of aligned sentences to tell).

mod common;

use std::ffi::OsString;
use std::path::Path;

use common::*;
use tempfile::TempDir;

/// `align SRC TGT --presegmented --no-lexicons -q`: its exit code and stderr.
fn align(src: &Path, tgt: &Path, langs: &str) -> (Option<i32>, String) {
    align_presegmented(src, tgt, langs, &["--no-lexicons"])
}

/// The document names of a set folder (`NNN` of `NNN.gold`).
fn documents(set: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(set)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".gold").map(str::to_string))
        .collect();
    names.sort();
    names
}

fn every_document_accepted(set: &Path, src: &str, tgt: &str) {
    let docs = documents(set);
    assert!(!docs.is_empty(), "{} holds no documents", set.display());
    for doc in &docs {
        let (code, err) =
            align(&set.join(format!("{doc}.{src}")), &set.join(format!("{doc}.{tgt}")), &format!("{src},{tgt}"));
        assert_eq!(code, Some(0), "{} {doc}: {err}", set.display());
    }
}

#[test]
fn no_development_document_is_refused_without_lexicons() {
    let Some(data) = shared_data() else {
        visible_notice("skipping the dev-set translation check: ../shared/data not found");
        return;
    };
    every_document_accepted(&data.join("textberg-dev-de-fr"), "de", "fr");
    every_document_accepted(&data.join("mac-dev-zh-en"), "en", "zh");
    let tmp = TempDir::new().unwrap();
    for (src, tgt) in [("en", "ru"), ("en", "zh")] {
        let set = tmp.path().join(format!("flores-{src}-{tgt}"));
        ok([
            OsString::from("perturb"),
            data.join("flores-devtest-en-ru-zh").into(),
            "--langs".into(),
            format!("{src},{tgt}").into(),
            "--seed".into(),
            "7".into(),
            "-o".into(),
            set.clone().into(),
        ]);
        every_document_accepted(&set, src, tgt);
    }
}

/// MAC-Dev chapters paired with the next chapter (shifted pairing): the
/// rare words of aligned sentences go together only as chance has them.
#[test]
fn another_chapter_is_refused_without_lexicons() {
    let Some(data) = shared_data() else {
        visible_notice("skipping the unrelated-chapter check: ../shared/data not found");
        return;
    };
    let mac = data.join("mac-dev-zh-en");
    for (en, zh) in [("001", "002"), ("004", "005")] {
        let zh_file = mac.join(format!("{zh}.zh"));
        let (code, err) = align(&mac.join(format!("{en}.en")), &zh_file, "en,zh");
        assert_eq!(code, Some(2), "{en}.en with {zh}.zh: {err}");
        assert!(
            err.contains("go together no more than chance") && err.contains(&zh_file.display().to_string()),
            "{err}"
        );
    }
}

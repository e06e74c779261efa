#!/usr/bin/env bash
# Adds the fuzz targets' seed corpora (fuzz/corpus/TARGET, not committed)
# from the project's own files: the input fixtures, the shipped corpus, and
# the exports and review file of one `align` run on it.
# Usage: fuzz/seed.sh   (builds target/release/trialign if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/trialign
[ -x "$bin" ] || nice cargo build --release
c=fuzz/corpus
in=tests/fixtures/input
st=corpora/statement
for t in load document_html document_markdown document_tmx document_docx document_odt encoding segment \
    review_file read_tmx read_tsv read_jsonl read_links; do
  mkdir -p "$c/$t"
done

# load: three choice bytes (the name's index, the language — 8 is none —
# and the encoding and split) before the file.
seed() { { printf "$2"; cat "$3"; } > "$c/$1/${4:-$(basename "$3")}"; }
for f in "$in"/*.txt "$st"/*.txt; do seed load '\0\010\0' "$f"; done
seed load '\02\010\0' "$in/en.html"
seed load '\01\010\0' "$in/en.md"
seed load '\03\01\0' "$in/memory.tmx"
seed load '\04\010\0' "$in/ru.docx"
seed load '\05\010\0' "$in/zh.odt"
seed load '\0\0\01' "$st/en.txt" en.presegmented

cp "$in/en.html" "$c/document_html/"
cp "$in/en.md" "$st/README.md" "$c/document_markdown/"
cp "$in/memory.tmx" "$c/document_tmx/"
unzip -p "$in/ru.docx" word/document.xml > "$c/document_docx/document.xml"
unzip -p "$in/zh.odt" content.xml > "$c/document_odt/content.xml"
cp "$in"/*.txt "$in/en.html" "$in/memory.tmx" "$st"/*.txt "$c/encoding/"
seed segment '\0' "$st/en.txt"
seed segment '\01' "$st/ru.txt"
seed segment '\02' "$st/zh.txt"
cp "$st"/*.gold "$c/read_links/"

run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
"$bin" align -q "$st/en.txt" "$st/ru.txt" "$st/zh.txt" -o "$run/out" --export csv,tsv,tmx,jsonl >/dev/null
printf 'confirm-to #4\nmerge #6\n' > "$run/edits"
"$bin" review "$run/out" --apply "$run/edits" >/dev/null
cp "$run/out/review.json" "$c/review_file/"
cp "$run"/out/*.tmx "$in/memory.tmx" "$c/read_tmx/"
cp "$run"/out/*.tsv "$c/read_tsv/"
cp "$run"/out/*.jsonl "$c/read_jsonl/"
cp "$run"/out/*.align "$c/read_links/"
for t in "$c"/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done

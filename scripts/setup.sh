#!/usr/bin/env bash
# Installs everything teamdiff needs to build (and, with --test, to test).
# Idempotent: every step checks what is already there before acting, so a
# second run costs seconds. Chooses its route itself:
#   * ordinary machine: `rustup target add wasm32-unknown-unknown` works;
#   * offline Debian machine: Debian's rustc-web 1.96 with the wasm32 std
#     built once into its sysroot (see docs/toolchain.md).
# Writes .tools/env, which the Makefile sources for every cargo/trunk call.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
mkdir -p .tools
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Cargo installs of tools: without fat LTO they build several times faster,
# and the tools' speed does not matter to us.
cargo_install() {
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        cargo install --quiet "$@"
}

WASM_STD_LIB=/usr/lib/rustlib/wasm32-unknown-unknown/lib
# Written after a successful std build; records how it was built, so a std
# built some other way (e.g. without LTO bitcode) is rebuilt.
WASM_STD_STAMP="$WASM_STD_LIB/.teamdiff-std"
wasm_std_stamp() { echo "$(/usr/bin/rustc --version) build-std with LTO bitcode"; }

wasm_std_present() {
    ls "$WASM_STD_LIB"/libstd-*.rlib "$WASM_STD_LIB"/libtest-*.rlib >/dev/null 2>&1 &&
        [ "$(cat "$WASM_STD_STAMP" 2>/dev/null)" = "$(wasm_std_stamp)" ]
}

build_wasm_std_into_debian_sysroot() {
    local scratch=.tools/std-build
    say "building the wasm32 standard library once into /usr/lib/rustlib (about 40 s)"
    rm -rf "$scratch"
    mkdir -p "$scratch/src"
    printf '[package]\nname = "stdscratch"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n[workspace]\n' > "$scratch/Cargo.toml"
    : > "$scratch/src/lib.rs"
    # Embedded LLVM bitcode lets our release builds (lto = true) optimise across std.
    (cd "$scratch" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cembed-bitcode=yes" /usr/bin/cargo build --quiet --release \
        --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort,panic_unwind,test)
    $SUDO mkdir -p "$WASM_STD_LIB"
    $SUDO find "$WASM_STD_LIB" -name '*.rlib' -delete
    find "$scratch/target/wasm32-unknown-unknown/release/deps" -name '*.rlib' ! -name 'libstdscratch-*' \
        -exec $SUDO cp {} "$WASM_STD_LIB/" \;
    wasm_std_stamp | $SUDO tee "$WASM_STD_STAMP" >/dev/null
    rm -rf "$scratch"
}

use_debian_route() {
    apt_install rustc-web cargo-web rust-web-src lld-22
    wasm_std_present || build_wasm_std_into_debian_sysroot
    rustup toolchain list | grep -q '^debian-web' || rustup toolchain link debian-web /usr
    toolchain=debian-web
}

# --- 1. a Rust toolchain that targets wasm32 ---------------------------------
toolchain=""
# TEAMDIFF_ROUTE=debian forces the offline route, to test it on a machine where rustup works.
if [ "${TEAMDIFF_ROUTE:-}" = debian ]; then
    use_debian_route
elif rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "rustup already has wasm32-unknown-unknown"
elif timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    say "added wasm32-unknown-unknown with rustup"
else
    say "rustup cannot add wasm32 here: using Debian's rustc-web route"
    use_debian_route
fi
{
    echo "# written by scripts/setup.sh"
    [ -n "$toolchain" ] && echo "export RUSTUP_TOOLCHAIN=$toolchain"
    echo 'export PATH="$HOME/.cargo/bin:$PATH"'
} > .tools/env
# shellcheck disable=SC1091
. .tools/env

# --- 2. trunk and wasm-bindgen-cli ------------------------------------------
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "cargo install trunk $TRUNK_VERSION (several minutes, once)"
    cargo_install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # Not --locked: its lockfile pins a webpki-roots the mirror lacks.
    say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
    cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- 3. browsers and the e2e runner (tests only) -----------------------------
if [ $want_test = 1 ]; then
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || apt_install chromium chromium-driver
    if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
        say "npm ci in tests/e2e"
        (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
    fi
fi
say "ready ($(cargo --version))"

#!/usr/bin/env bash
# Install what building HiGHS (through the highs-sys crate) needs when it is
# missing: cmake, a C++ compiler and libclang (which bindgen loads at build
# time). Safe to run again.
#
#   scripts/ensure-deps.sh                  install what is missing
#   scripts/ensure-deps.sh --browser        the same, and Chromium for the
#                                           HTML report's browser test
#                                           (tests/browser.rs; `make test`)
#   scripts/ensure-deps.sh --find-libclang  print the libclang bindgen would
#                                           load; exit 1 when there is none
#
# libclang is looked for the way bindgen's clang-sys 1.9 looks for it, so
# that "found" here means "found" there: only in LIBCLANG_PATH when that is
# set (a directory, or the library file itself); otherwise under
# `llvm-config --prefix`, in LD_LIBRARY_PATH, LIBRARY_PATH and the system
# library directories. A library is a 64-bit ELF file named libclang.so,
# libclang-*.so, libclang.so.* or libclang-*.so.*, never libclang-cpp*
# (Clang's C++ library: Debian ships it as libclang-cpp14 without libclang).
#
# ENSURE_DEPS_ROOT (for the tests of this script only) puts the system
# directories under another root and leaves llvm-config out.
set -euo pipefail

root=${ENSURE_DEPS_ROOT:-}

# 0 when FILE starts with the ELF magic and class 2 (64-bit).
is_elf64() {
  [ "$(head -c 5 -- "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = "7f454c4602" ]
}

# The libclang libraries in directory $1, one path a line.
libclang_in() {
  local dir=$1 f base
  [ -d "$dir" ] || return 0
  for f in "$dir"/libclang.so "$dir"/libclang-*.so "$dir"/libclang.so.* "$dir"/libclang-*.so.*; do
    [ -f "$f" ] || continue
    base=${f##*/}
    case $base in *-cpp.*) continue ;; esac
    is_elf64 "$f" && printf '%s\n' "$f"
  done
  return 0
}

# Every directory clang-sys searches when LIBCLANG_PATH is not set.
search_dirs() {
  local prefix d pattern
  if [ -z "$root" ] && command -v llvm-config >/dev/null 2>&1; then
    prefix=$(llvm-config --prefix 2>/dev/null | head -n 1 || true)
    [ -n "$prefix" ] && printf '%s\n' "$prefix/bin" "$prefix/lib" "$prefix/lib64"
  fi
  local IFS=:
  for d in ${LD_LIBRARY_PATH:-} ${LIBRARY_PATH:-}; do [ -n "$d" ] && printf '%s\n' "$d"; done
  unset IFS
  for pattern in "/usr/local/llvm*/lib*" "/usr/local/lib*/*/*" "/usr/local/lib*/*" \
    "/usr/local/lib*" "/usr/lib*/*/*" "/usr/lib*/*" "/usr/lib*"; do
    for d in $root$pattern; do [ -d "$d" ] && printf '%s\n' "$d"; done
  done
  return 0
}

# Prints the first libclang bindgen can load; exit 1 with the reason when none.
find_libclang() {
  local found=""
  if [ -n "${LIBCLANG_PATH+set}" ]; then
    local p=$LIBCLANG_PATH
    if [ -f "$p" ]; then
      found=$(libclang_in "$(dirname -- "$p")" | grep -Fx -- "$(dirname -- "$p")/$(basename -- "$p")" || true)
    else
      found=$(libclang_in "$p" | head -n 1)
    fi
    if [ -z "$found" ]; then
      echo "ensure-deps: LIBCLANG_PATH=$p holds no libclang (libclang.so, libclang-*.so, libclang.so.*, libclang-*.so.*; not libclang-cpp)." >&2
      echo "ensure-deps: bindgen looks nowhere else while LIBCLANG_PATH is set: unset it, or point it at the folder of libclang (Debian: /usr/lib/llvm-14/lib after apt-get install libclang-dev)." >&2
      return 1
    fi
    printf '%s\n' "$found"
    return 0
  fi
  local d
  while IFS= read -r d; do
    found=$(libclang_in "$d" | head -n 1)
    if [ -n "$found" ]; then
      printf '%s\n' "$found"
      return 0
    fi
  done < <(search_dirs)
  echo "ensure-deps: no libclang found (libclang.so, libclang-*.so, libclang.so.*, libclang-*.so.*; libclang-cpp does not count)." >&2
  return 1
}

browser=0
if [ "${1:-}" = "--find-libclang" ]; then
  find_libclang
  exit $?
elif [ "${1:-}" = "--browser" ] && [ $# -eq 1 ]; then
  browser=1
elif [ $# -gt 0 ]; then
  echo "ensure-deps: unknown argument '$1' (use no argument, --browser or --find-libclang)" >&2
  exit 2
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "ensure-deps: cargo not found — install Rust (https://rustup.rs) first" >&2
  exit 1
fi

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
if ! find_libclang >/dev/null 2>&1; then
  if [ -n "${LIBCLANG_PATH+set}" ]; then
    find_libclang >/dev/null # says why, and stops: installing would not help
  fi
  missing+=(libclang-dev)
fi
# The browser test finds Chromium as KRAAMPLAN_CHROMIUM or on the PATH.
if [ $browser -eq 1 ] && [ -z "${KRAAMPLAN_CHROMIUM:-}" ] &&
  ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
  ! command -v google-chrome >/dev/null 2>&1; then
  missing+=(chromium)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "ensure-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  apt_get() { apt-get "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  apt_get() { sudo apt-get "$@"; }
else
  echo "ensure-deps: need root or sudo to install ${missing[*]} (Debian/Ubuntu: apt-get install ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt_get update -qq
apt_get install -y -qq "${missing[@]}" >/dev/null

# Say now, not five minutes into the HiGHS build, if bindgen still cannot load it.
if ! lib=$(find_libclang); then
  echo "ensure-deps: libclang-dev is installed but no libclang is where bindgen looks; set LIBCLANG_PATH to its folder" >&2
  exit 1
fi
echo "ensure-deps: done (libclang: $lib)" >&2

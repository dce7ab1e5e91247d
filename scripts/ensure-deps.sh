#!/usr/bin/env bash
# Install what building HiGHS (through the highs-sys crate) needs when it is
# missing: cmake, a C++ compiler and libclang (for bindgen). Safe to run again.
set -euo pipefail

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
if ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q libclang; then
  missing+=(libclang-dev)
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "ensure-deps: cargo not found — install Rust (https://rustup.rs) first" >&2
  exit 1
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
echo "ensure-deps: done" >&2

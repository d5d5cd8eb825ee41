#!/usr/bin/env bash
# What the tests and the local Neo4j need beyond Go, installed when it is missing.
#
#   scripts/deps.sh chromium   print the path of a Chromium for the browser tests; install
#                              Debian's chromium and fonts-noto-cjk (so screenshots show
#                              Chinese) with apt-get when missing and we run as root
#   scripts/deps.sh java       check Java 17/21 and Maven for neo4j/ (install Debian's
#                              openjdk-17-jdk-headless and maven as root when missing)
#
# Idempotent and quiet when everything is there: the only output on stdout is the path asked
# for. When something cannot be installed (not root, no apt-get), it exits 1 with a message
# that says exactly what to install. The lookup uses only the PATH (and HUB_CHROMIUM), so a
# test can run this script against a PATH of its own (web/deps_test.go does).
set -euo pipefail

say() { printf 'deps.sh: %s\n' "$*" >&2; }

# can_apt: root and apt-get on the PATH.
can_apt() { [[ "${EUID:-$(id -u)}" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  say "installing $* with apt-get (once; later runs find it)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_chromium() {
  if [[ -n "${HUB_CHROMIUM:-}" && -x "${HUB_CHROMIUM}" ]]; then
    printf '%s\n' "$HUB_CHROMIUM"
    return 0
  fi
  local name
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

# CJK fonts, so that the browser tests' screenshots and font checks show Chinese.
# HUB_CJK_FONT_GLOB (for tests) is where to look.
have_cjk_font() {
  compgen -G "${HUB_CJK_FONT_GLOB:-/usr/share/fonts/*/*/*CJK*}" >/dev/null
}

need_chromium() {
  if find_chromium; then
    have_cjk_font && return 0
    if can_apt; then
      apt_install fonts-noto-cjk
    else
      say "no CJK font for the browser tests; install one: sudo apt-get install fonts-noto-cjk"
      return 1
    fi
    return 0
  fi
  if ! can_apt; then
    say "no Chromium found for the browser tests (web/e2e_test.go). Install it:"
    say "  Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk"
    say "  elsewhere: any Chromium or Chrome, then HUB_CHROMIUM=/path/to/it make test"
    return 1
  fi
  apt_install chromium fonts-noto-cjk
  find_chromium || { say "apt-get installed chromium but it is not on the PATH"; return 1; }
}

java_ok() {
  local bin="${NEO4J_JAVA:-java}" v
  command -v "$bin" >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || return 1
  v="$("$bin" -version 2>&1 | head -n 1)"
  [[ "$v" =~ \"(17|21)[.\"] ]]
}

need_java() {
  if java_ok; then return 0; fi
  if ! can_apt; then
    say "the local Neo4j (neo4j/) needs Java 17 or 21 and Maven. Install them:"
    say "  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless maven"
    say "  or point NEO4J_JAVA at a Java 17/21 and put mvn on the PATH"
    return 1
  fi
  apt_install openjdk-17-jdk-headless maven
  java_ok || { say "Java 17 and Maven installed but not found on the PATH"; return 1; }
}

case "${1:-}" in
  chromium) need_chromium ;;
  java) need_java ;;
  *) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

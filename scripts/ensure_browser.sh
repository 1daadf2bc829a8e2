#!/usr/bin/env bash
# Make sure the Chromium that the browser tests drive (through Playwright) is installed.
#
# Installs Debian's `chromium` package when it is missing and we are root. When it still
# cannot be had, browser tests skip with a warning; on CI (CI=true) that is an error,
# so that a green build always means the browser tests ran.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi

if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "ensure_browser: installing chromium (apt-get)..."
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
        echo "ensure_browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
    fi
fi

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi

if [[ "${CI:-}" == "true" ]]; then
    consequence="CI=true: this is an error, so that green always means the browser tests ran."
else
    consequence="Browser tests will be SKIPPED."
fi
cat >&2 <<MESSAGE

##########################################################################################
#  WARNING: $CHROMIUM is missing and could not be installed.
#  $consequence
#  To install it: sudo apt-get install chromium
##########################################################################################

MESSAGE
[[ "${CI:-}" != "true" ]]

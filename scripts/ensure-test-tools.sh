#!/usr/bin/env bash
# Installs what the browser tests need on a Debian machine when it is missing: Chromium (driven by
# Playwright through /usr/bin/chromium), ffmpeg (makes the fake webcam clip), ImageMagick (makes the hostile
# pictures: CMYK, 16-bit, animated GIF...; a `convert` that is not ImageMagick's does not count) and nginx (serves
# dist/ as a school's web server would; e2e/support/nginx.ts runs it as this user, never the system's service).
set -euo pipefail

missing=()
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
convert -version 2>/dev/null | grep -q 'Version: ImageMagick' || missing+=(imagemagick)
[[ -x "${NGINX_PATH:-/usr/sbin/nginx}" ]] || missing+=(nginx)
((${#missing[@]} == 0)) && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: ${missing[*]} missing and this is not a Debian/Ubuntu machine: install them by hand." >&2
  exit 1
fi
sudo=()
((EUID == 0)) || sudo=(sudo)
echo "ensure-test-tools: installing ${missing[*]} with apt-get"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

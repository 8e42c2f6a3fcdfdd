#!/usr/bin/env bash
# Renders an HTML report of scicollab (or any HTML file) to PNG with headless Chromium (Debian's `chromium`).
#   scripts/render-report.sh report.html [report.png] [width]
# Without arguments: imports Fixtures/ into a scratch database, writes the US–CN report of the bundled
# fixtures and renders it to fixtures-report.png. Slow (tens of seconds): not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed: apt-get install -y chromium" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  swift build >/dev/null
  .build/debug/scicollab import Fixtures/ --db "$scratch/fixtures.sqlite" --allow-skips >/dev/null
  .build/debug/scicollab report US CN --db "$scratch/fixtures.sqlite" --html fixtures-report.html
  set -- fixtures-report.html fixtures-report.png
fi
html=$(realpath "$1")
png=${2:-${1%.html}.png}
width=${3:-1000}
# The page's full height: Chromium cannot measure it headless, so take a tall window and trim the white below.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="$width,${HEIGHT:-9000}" --screenshot="$png" "file://$html" 2>/dev/null
echo "wrote $png"

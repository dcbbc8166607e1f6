#!/usr/bin/env bash
# Enforces the module dependency rule of docs/ARCHITECTURE.md on #include lines:
#   media/base  includes only media/base (it is the bottom layer)
#   media/      never includes signaling/, bridge/, focus/
#   signaling/  includes media/base/ only from media/, never bridge/ or focus/
# Usage: check_deps.sh ROOT        check the tree at ROOT (exit 1 and list violations)
#        check_deps.sh --self-test prove the check fails on a violating tree
set -u

check() {
  local root=$1 bad=0 line
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    echo "forbidden include: $line"; bad=1
  done < <(
    cd "$root" || exit 2
    grep -rnE '^\s*#\s*include\s*[<"](signaling|bridge|focus|media/[a-z_]+)/' \
      --include='*.hpp' --include='*.h' --include='*.cpp' --include='*.cc' media signaling 2>/dev/null |
    awk -F: '{
      file=$1; inc=$0; sub(/^[^#]*#[ \t]*include[ \t]*[<"]/, "", inc); sub(/[">].*$/, "", inc);
      if (file ~ /^media\/base\// && inc !~ /^media\/base\//) print file ":" $2 " -> " inc;
      else if (file ~ /^media\// && inc ~ /^(signaling|bridge|focus)\//) print file ":" $2 " -> " inc;
      else if (file ~ /^signaling\// && (inc ~ /^(bridge|focus)\// || (inc ~ /^media\// && inc !~ /^media\/base\//))) print file ":" $2 " -> " inc;
    }'
  )
  return $bad
}

if [ "${1:-}" = "--self-test" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/media/base" "$tmp/media/rtp" "$tmp/signaling/jingle"
  echo '#include "media/base/log.hpp"' > "$tmp/signaling/jingle/ok.cpp"
  check "$tmp" >/dev/null || { echo "self-test: a clean tree was rejected"; exit 1; }
  for violation in 'media/rtp/x.cpp:#include "signaling/jingle/jingle.hpp"' \
                   'signaling/jingle/x.cpp:#include "media/rtp/rtp_packet.hpp"' \
                   'signaling/jingle/y.cpp:#include <bridge/conference.hpp>' \
                   'media/base/x.cpp:#include "media/ice/ice_agent.hpp"'; do
    file=${violation%%:*}; text=${violation#*:}
    echo "$text" > "$tmp/$file"
    if check "$tmp" >/dev/null; then echo "self-test: missed violation in $file"; exit 1; fi
    rm "$tmp/$file"
  done
  echo "self-test passed"; exit 0
fi

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
if check "$root"; then echo "module include rule holds"; else exit 1; fi

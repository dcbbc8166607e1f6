#!/bin/sh
# ctest's CROSSCOMPILING_EMULATOR for the Chromium interop tests: runs the test executable (and
# so node + Chromium + our transport) in a fresh loopback-only network namespace, where ICE can
# only use 127.0.0.1. Test discovery (--gtest_list_tests) runs directly: it starts no browser
# and must work for builds that are not root.
exe="$1"
case " $* " in
  *" --gtest_list_tests "*) exec "$@" ;;
esac
if ! unshare --net -- true 2>/dev/null; then
  echo "netns_exec.sh: cannot create a network namespace (needs root or CAP_SYS_ADMIN); $exe not run" >&2
  exit 1
fi
exec "$(dirname "$0")/../../../support/run_in_netns.sh" "$@"

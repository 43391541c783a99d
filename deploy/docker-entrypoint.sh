#!/bin/sh
# The image's entrypoint. A script rather than `sh -c` in CMD, so that a command given to
# `docker run` or as a container's args in place of the server (the evmap CLI, say) gets the same heap.
set -eu

if [ -n "${EVMAP_HEAP_MB:-}" ]; then
  case "$EVMAP_HEAP_MB" in
    *[!0-9]* | 0*)
      # Exit 2, as evmap itself does for a bad variable, rather than node's own complaint about a flag.
      echo "EVMAP_HEAP_MB must be a whole number of megabytes such as 512, got \"$EVMAP_HEAP_MB\"" >&2
      exit 2
      ;;
  esac
  # Appended, so flags an operator put in NODE_OPTIONS stay.
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=$EVMAP_HEAP_MB"
  export NODE_OPTIONS
fi

# exec: node becomes PID 1 and receives the SIGTERM that starts evmap's graceful shutdown.
exec "$@"

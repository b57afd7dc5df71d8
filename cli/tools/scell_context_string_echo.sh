#!/bin/sh
# Themis integration-test tool 'scell_context_string_echo', implemented by the themis4j CLI (see 'themis4j tools --help').
exec "$(dirname "$0")/../bin/themis4j" tools scell_context_string_echo "$@"

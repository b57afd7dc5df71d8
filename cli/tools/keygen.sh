#!/bin/sh
# Themis integration-test tool 'keygen', implemented by the themis4j CLI (see 'themis4j tools --help').
exec "$(dirname "$0")/../bin/themis4j" tools keygen "$@"

#!/bin/sh
# Themis integration-test tool 'scell_seal_string_echo_pw', implemented by the themis4j CLI (see 'themis4j tools --help').
exec "$(dirname "$0")/../bin/themis4j" tools scell_seal_string_echo_pw "$@"

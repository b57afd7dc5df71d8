#!/usr/bin/env bash
# Checks that the release profile produces what Maven Central requires (except the signature) and that the
# build is reproducible:
#   1. `mvn -Prelease -DskipTests verify` twice from clean; every published artifact byte-identical;
#   2. every library module has its jar, sources jar, javadoc jar and CycloneDX SBOM;
#   3. every published POM (with what it inherits) has name, description, url, license, developers and scm;
#   4. the BOM's version is the parent's and it lists every published artifact.
# Published modules are those that do not set maven.deploy.skip. Run from anywhere; exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# Only what is published (the applications and benchmarks are not), so the two builds stay short.
PUBLISHED="$(python3 scripts/release_modules.py dirs | paste -sd, -),bom"
build() {
  mvn -B -q -ntp -Prelease -DskipTests -pl "$PUBLISHED" clean verify
}

digests() {
  # Every artifact a release would upload, with its checksum.
  for dir in $(python3 scripts/release_modules.py dirs); do
    for f in "$dir"/target/*.jar "$dir"/target/*.json; do
      [ -e "$f" ] && sha256sum "$f"
    done
  done | sort -k2
}

echo "check-release: first build"
build
digests > target-release-1.sha256
echo "check-release: second build"
build
digests > target-release-2.sha256
if ! diff -u target-release-1.sha256 target-release-2.sha256; then
  echo "check-release: FAILED, two builds of the same commit differ (above)" >&2
  exit 1
fi
echo "check-release: $(wc -l < target-release-1.sha256) artifacts identical in two builds"
rm -f target-release-1.sha256 target-release-2.sha256

python3 scripts/release_modules.py check

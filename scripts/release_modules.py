#!/usr/bin/env python3
"""Reads the Maven reactor (root pom.xml and its modules) for scripts/check-release.sh.

  release_modules.py dirs   prints the directory of every published jar module
  release_modules.py check  checks artifacts, POM metadata and the BOM; exits 1 on a failure

A module is published unless its pom sets maven.deploy.skip to true. Written with the standard library only.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
METADATA = ["name", "description", "url", "licenses/m:license/m:name", "developers/m:developer/m:name", "scm/m:url"]


def pom(path):
    return ET.parse(path).getroot()


def text(elem, path):
    found = elem.find("m:" + path, NS)
    return found.text.strip() if found is not None and found.text else None


def modules():
    root = pom(os.path.join(ROOT, "pom.xml"))
    out = []
    for m in root.findall("m:modules/m:module", NS):
        d = os.path.join(ROOT, m.text.strip())
        p = pom(os.path.join(d, "pom.xml"))
        skip = text(p, "properties/m:maven.deploy.skip") == "true"
        out.append({"dir": d, "pom": p, "artifactId": text(p, "artifactId"),
                    "packaging": text(p, "packaging") or "jar", "published": not skip,
                    "inherits": p.find("m:parent", NS) is not None})
    return root, out


def check():
    parent, mods = modules()
    version = text(parent, "version")
    failures = []
    for mod in mods:
        if not mod["published"]:
            continue
        aid = mod["artifactId"]
        for field in METADATA:
            own = text(mod["pom"], field)
            inherited = text(parent, field) if mod["inherits"] and field not in ("name", "description") else None
            if not (own or inherited):
                failures.append(f"{aid}: POM has no {field.split('/')[0]}")
        if mod["packaging"] == "jar":
            base = os.path.join(mod["dir"], "target", f"{aid}-{version}")
            for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
                if not os.path.isfile(base + suffix):
                    failures.append(f"{aid}: missing {os.path.basename(base + suffix)}")
            if not glob.glob(os.path.join(mod["dir"], "target", "bom.json")):
                failures.append(f"{aid}: missing CycloneDX SBOM (target/bom.json)")
    bom = next((m for m in mods if m["artifactId"] == "themis4j-bom"), None)
    if bom is None:
        failures.append("no themis4j-bom module")
    else:
        if text(bom["pom"], "version") != version:
            failures.append(f"themis4j-bom version {text(bom['pom'], 'version')} is not the parent's {version}")
        managed = {text(d, "artifactId") for d in bom["pom"].findall("m:dependencyManagement/m:dependencies/m:dependency", NS)}
        for mod in mods:
            if mod["published"] and mod["packaging"] == "jar" and mod["artifactId"] not in managed:
                failures.append(f"themis4j-bom does not manage {mod['artifactId']}")
    for f in failures:
        print("check-release: FAILED, " + f, file=sys.stderr)
    published = [m["artifactId"] for m in mods if m["published"]]
    if not failures:
        print("check-release: OK for " + ", ".join(published))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "dirs":
        for m in modules()[1]:
            if m["published"] and m["packaging"] == "jar":
                print(os.path.relpath(m["dir"], ROOT))
        sys.exit(0)
    if len(sys.argv) == 2 and sys.argv[1] == "check":
        sys.exit(check())
    print("usage: release_modules.py dirs|check", file=sys.stderr)
    sys.exit(2)

"""Audit the installed dependencies for known vulnerabilities (pip-audit), for CI.

    python tools/audit_dependencies.py

Exit code 1 when pip-audit reports a known vulnerability. When the vulnerability
service cannot be reached (a package mirror without PyPI's vulnerability data, no
network), nothing can be audited: the script says so plainly, lists how many
packages were skipped and exits 0 — set KLIMATBOKSLUT_AUDIT_STRICT=1 to make that a
failure where a real vulnerability service is available.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main() -> int:
    cmd = [sys.executable, "-m", "pip_audit", "--vulnerability-service", "pypi", "--progress-spinner", "off",
           "-f", "json"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"dependency audit: pip-audit did not run ({exc})")
        return 1 if os.environ.get("KLIMATBOKSLUT_AUDIT_STRICT") else 0
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        print("dependency audit: pip-audit gave no report\n" + result.stderr[-2000:])
        return 1 if os.environ.get("KLIMATBOKSLUT_AUDIT_STRICT") else 0
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    for d in vulnerable:
        ids = ", ".join(v.get("id", "?") for v in d["vulns"])
        print(f"VULNERABLE {d['name']} {d.get('version', '')}: {ids}")
    print(f"dependency audit: {audited} of {len(deps)} packages audited, {len(vulnerable)} with known "
          f"vulnerabilities, {len(skipped)} could not be audited")
    if audited == 0 and deps:
        print("dependency audit: the vulnerability service could not be reached from here, so NOTHING was audited")
        return 1 if os.environ.get("KLIMATBOKSLUT_AUDIT_STRICT") else 0
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())

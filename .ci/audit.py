"""Known vulnerabilities in the locked dependencies, by pip-audit.

Fails (exit 1) when the advisory database names a vulnerability in a
locked version. When the database cannot be reached (no network, or a
registry mirror without its JSON API), says so plainly and exits 0: CI
goes on, and the log shows that nothing was audited.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv" / "bin"


def locked_requirements(folder):
    requirements = folder / "requirements.txt"
    exported = subprocess.run(
        [VENV / "uv", "export", "--frozen", "--no-emit-project", "--format", "requirements-txt"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    requirements.write_text(exported.stdout)
    return requirements


def verdict(report):
    """(exit status, message) for pip-audit's JSON report."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if vulnerable:
        lines = [
            f"  {d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v['fix_versions'])})"
            for d in vulnerable
            for v in d["vulns"]
        ]
        return 1, "pip-audit: known vulnerabilities in the locked dependencies:\n" + "\n".join(
            lines
        )
    if dependencies and len(skipped) == len(dependencies):
        return 0, (
            "pip-audit: THE ADVISORY DATABASE COULD NOT BE REACHED, nothing was audited "
            f"({skipped[0]['skip_reason']}). Going on."
        )
    note = f" ({len(skipped)} not found there: {', '.join(d['name'] for d in skipped)})"
    return 0, f"pip-audit: no known vulnerability in {len(dependencies)} locked dependencies" + (
        note if skipped else ""
    )


def main():
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        report = folder / "report.json"
        audit = subprocess.run(
            [VENV / "pip-audit", "--disable-pip", "--no-deps", "--progress-spinner", "off",
             "--format", "json", "--output", report, "-r", locked_requirements(folder)],
            capture_output=True, text=True,
        )  # fmt: skip
        if not report.exists() or not report.read_text().strip():
            reason = (audit.stderr.strip().splitlines() or ["no report"])[-1]
            print(
                f"pip-audit: THE ADVISORY DATABASE COULD NOT BE REACHED ({reason[:300]}). Going on."
            )
            return 0
        status, message = verdict(json.loads(report.read_text()))
        print(message)
        return status


if __name__ == "__main__":
    sys.exit(main())

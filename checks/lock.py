"""`make lint`: the lock files still match pyproject.toml, without asking the package index.

requirements/base.txt (what a server runs) and requirements/test.txt (that plus the test
tools) are written by `make lock`. This fails when someone changes pyproject.toml and
forgets to run it: a dependency missing from a lock, locked at a version its specifier no
longer allows, or still locked after it was removed; a package locked at two different
versions in the two files; a package without hashes; or a CI tool not pinned exactly.
"""

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "victim-survivor-network"
# Tools whose new releases can change what CI says about unchanged code.
PINNED_EXACTLY = {"pytest", "ruff", "djhtml"}

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def read_lock(path):
    """{name: version} and the names the lock says come straight from pyproject.toml."""
    versions, direct, hashed = {}, set(), set()
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        pin = PIN.match(line)
        if pin:
            current = canonicalize_name(pin.group(1))
            versions[current] = pin.group(2)
        elif "--hash=sha256:" in line and current:
            hashed.add(current)
        elif current and f"{PROJECT} (pyproject.toml)" in line:
            direct.add(current)
    return versions, direct, hashed


def problems_with(lock_name, requirements, versions, direct, hashed):
    problems = []
    wanted = {canonicalize_name(r.name): r for r in requirements}
    for name, requirement in sorted(wanted.items()):
        if name not in versions:
            problems.append(f"{lock_name}: {requirement} is not locked")
        elif not requirement.specifier.contains(versions[name], prereleases=True):
            problems.append(f"{lock_name}: {name}=={versions[name]} is outside {requirement}")
    for name in sorted(direct - set(wanted)):
        problems.append(f"{lock_name}: {name} is locked for a dependency pyproject no longer has")
    for name in sorted(set(versions) - hashed):
        problems.append(f"{lock_name}: {name} has no hashes")
    return problems


def main():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [Requirement(text) for text in project["dependencies"]]
    test = runtime + [Requirement(text) for text in project["optional-dependencies"]["test"]]

    base = read_lock(ROOT / "requirements" / "base.txt")
    full = read_lock(ROOT / "requirements" / "test.txt")
    problems = problems_with("requirements/base.txt", runtime, *base)
    problems += problems_with("requirements/test.txt", test, *full)
    for name, version in sorted(base[0].items()):
        if full[0].get(name) != version:
            problems.append(
                f"{name} is locked at {version} in base.txt but {full[0].get(name)} in test.txt"
            )
    for requirement in test:
        exact = str(requirement.specifier).startswith("==")
        if canonicalize_name(requirement.name) in PINNED_EXACTLY and not exact:
            problems.append(f"pyproject.toml: pin {requirement.name} with ==")

    for problem in problems:
        print(problem)
    if problems:
        print("Run `make lock` and commit requirements/.")
        return 1
    print("requirements/base.txt and requirements/test.txt match pyproject.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main())

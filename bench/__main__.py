"""`make bench`: run every benchmark module in this package (or the ones named), in order."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    wanted = sys.argv[1:]
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    for name in names:
        if name.startswith("_") or (wanted and name not in wanted):
            continue
        print(f"\n=== bench.{name} ===", flush=True)
        importlib.import_module(f"bench.{name}").run()


if __name__ == "__main__":
    main()

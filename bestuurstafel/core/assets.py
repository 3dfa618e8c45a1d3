"""Build the one CSS bundle the pages load, from the npm packages and our own CSS.

The NL Design System packages ship every component (about 600 KB of CSS with the theme). We keep
only the rules for the ``utrecht-*`` classes our templates use and the design tokens those rules
need, so a page costs a few dozen kilobytes. Class names must appear in full in templates or
Python code; a template that builds a modifier as ``utrecht-status-badge--{{ x }}`` keeps every
modifier of that block.
"""

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, Declaration, Node, QualifiedRule

CLASS_RE = re.compile(r"utrecht-[a-z0-9_-]*[a-z0-9_]")
PREFIX_RE = re.compile(r"(utrecht-[a-z0-9_-]*-)\{")
VAR_RE = re.compile(r"var\(\s*(--[a-zA-Z0-9_-]+)")
SELECTOR_CLASS_RE = re.compile(r"\.(utrecht-[a-zA-Z0-9_-]+)")


def used_classes(paths: Iterable[Path]) -> tuple[set[str], set[str]]:
    classes: set[str] = set()
    prefixes: set[str] = set()
    for path in paths:
        text = path.read_text(errors="ignore")
        classes.update(CLASS_RE.findall(text))
        prefixes.update(PREFIX_RE.findall(text))
    return classes, prefixes


def _selector_used(selector: str, classes: set[str], prefixes: set[str]) -> bool:
    for name in SELECTOR_CLASS_RE.findall(selector):
        if name in classes or any(name.startswith(p) for p in prefixes):
            continue
        return False
    return True


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside :is(), :not(), ...)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def _minify(css: str) -> str:
    return re.sub(r"\s+", " ", css).replace("; ", ";").replace(": ", ":").strip()


def _filter_rules(rules: list[Node], classes: set[str], prefixes: set[str]) -> str:
    out: list[str] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = split_selectors(tinycss2.serialize(rule.prelude))
            kept = [s for s in selectors if _selector_used(s, classes, prefixes)]
            if kept:
                out.append(",".join(kept) + "{" + _minify(tinycss2.serialize(rule.content)) + "}")
        elif isinstance(rule, AtRule):
            if rule.lower_at_keyword == "charset":
                continue
            if rule.content is None:
                out.append(tinycss2.serialize([rule]))
                continue
            if rule.lower_at_keyword in ("media", "supports", "layer", "container"):
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_whitespace=True, skip_comments=True
                )
                body = _filter_rules(inner, classes, prefixes)
                if body:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
            else:
                out.append(tinycss2.serialize([rule]))
    return "".join(out)


def trim_components(css: str, classes: set[str], prefixes: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return _filter_rules(rules, classes, prefixes)


def trim_tokens(theme_css: str, needed_from: str) -> str:
    """Keep only the custom properties (transitively) referenced by ``needed_from``."""
    rules = tinycss2.parse_stylesheet(theme_css, skip_whitespace=True, skip_comments=True)
    blocks: list[tuple[str, list[Declaration]]] = []
    definitions: dict[str, str] = {}
    for rule in rules:
        if not isinstance(rule, QualifiedRule):
            continue
        declarations = [
            d
            for d in tinycss2.parse_blocks_contents(
                rule.content, skip_whitespace=True, skip_comments=True
            )
            if isinstance(d, Declaration)
        ]
        blocks.append((tinycss2.serialize(rule.prelude).strip(), declarations))
        for d in declarations:
            if d.name.startswith("--"):
                definitions[d.name] = tinycss2.serialize(d.value)
    needed: set[str] = set()
    todo = list(VAR_RE.findall(needed_from))
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        todo.extend(VAR_RE.findall(definitions.get(name, "")))
    out = []
    for prelude, declarations in blocks:
        body = ";".join(
            f"{d.name}:{tinycss2.serialize(d.value).strip()}"
            for d in declarations
            if not d.name.startswith("--") or d.name in needed
        )
        if body:
            out.append(f"{prelude}{{{body}}}")
    return "".join(out)


def build_css(*, base_dir: Path, node_modules: Path) -> str:
    sources = [
        *(base_dir / "templates").rglob("*.html"),
        *(base_dir / "bestuurstafel").rglob("*.html"),
        *(p for p in (base_dir / "bestuurstafel").rglob("*.py") if "tests" not in p.parts),
        *(base_dir / "static").rglob("*.js"),
    ]
    classes, prefixes = used_classes(sources)
    # Base classes every page has, whatever the templates say.
    classes.update({"utrecht-document", "utrecht-page-body", "utrecht-root"})
    components = (node_modules / "@utrecht/component-library-css/dist/index.css").read_text()
    theme = (
        node_modules / "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css"
    ).read_text()
    own_theme = (base_dir / "static/css/theme.css").read_text()
    # Our own CSS: the site layout, then each app's stylesheet (<app>/static/<app>/*.css), all in
    # the one bundle so a page loads a single stylesheet.
    app_files = [
        base_dir / "static/css/app.css",
        *sorted((base_dir / "bestuurstafel").glob("*/static/*/*.css")),
    ]
    app = "\n".join(f.read_text() for f in app_files)
    kept_components = trim_components(components, classes, prefixes)
    kept_theme = trim_tokens(theme, kept_components + own_theme + app)
    header = (
        "/* Bestuurstafel. Contains NL Design System CSS (EUPL-1.2): @utrecht/component-library-css "
        "and @nl-design-system-unstable/voorbeeld-design-tokens, trimmed to what the app uses. */\n"
    )
    return header + kept_theme + "\n" + own_theme + "\n" + kept_components + "\n" + app


def build_js(*, base_dir: Path, node_modules: Path) -> str:
    """The one script every page loads: htmx, then our small enhancements (``static/js``).

    One file instead of two saves every page a request; both are loaded with ``defer``.
    """
    htmx = (node_modules / "htmx.org/dist/htmx.min.js").read_text()
    own = (base_dir / "static/js/app.js").read_text()
    header = "/* Bestuurstafel. Contains htmx (https://htmx.org, BSD Zero Clause License). */\n"
    return header + htmx.rstrip() + "\n;\n" + own

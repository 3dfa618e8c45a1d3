from bestuurstafel.core.assets import split_selectors, trim_components, trim_tokens, used_classes


def test_selectors_split_only_on_top_level_commas() -> None:
    assert split_selectors(".a:is(.b, .c), .d") == [".a:is(.b, .c)", ".d"]


def test_it_keeps_only_the_rules_of_used_classes() -> None:
    css = ".utrecht-button{color:red}.utrecht-drawer{color:blue}@media print{.utrecht-button,.utrecht-drawer{x:1}}"
    kept = trim_components(css, {"utrecht-button"}, set())
    assert (
        ".utrecht-button{color:red}" in kept
        and "drawer" not in kept
        and "@media print{.utrecht-button{x:1}}" in kept
    )


def test_a_template_prefix_keeps_all_modifiers(tmp_path) -> None:
    template = tmp_path / "t.html"
    template.write_text('<span class="utrecht-status-badge utrecht-status-badge--{{ status }}">')
    classes, prefixes = used_classes([template])
    assert "utrecht-status-badge" in classes and prefixes == {"utrecht-status-badge--"}
    kept = trim_components(".utrecht-status-badge--active{a:b}", classes, prefixes)
    assert "--active" in kept


def test_it_keeps_tokens_transitively() -> None:
    theme = ".t{--a:var(--b);--b:1px;--c:2px}"
    assert trim_tokens(theme, "x{y:var(--a)}") == ".t{--a:var(--b);--b:1px}"


def test_one_script_holds_htmx_and_our_enhancements() -> None:
    from django.conf import settings

    from bestuurstafel.core.assets import build_js

    script = build_js(base_dir=settings.BASE_DIR, node_modules=settings.NODE_MODULES)
    htmx = (settings.NODE_MODULES / "htmx.org/dist/htmx.min.js").read_text().strip()
    own = (settings.BASE_DIR / "static/js/app.js").read_text().strip()
    assert htmx in script and own in script
    assert script.index(htmx) < script.index(own)  # our enhancements may use htmx

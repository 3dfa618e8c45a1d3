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

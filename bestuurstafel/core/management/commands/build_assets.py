from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bestuurstafel.core.assets import build_css, build_js


class Command(BaseCommand):
    help = "Build the CSS and JS bundles from the npm packages (run `npm ci` first) and static/."

    def handle(self, *args: Any, **options: Any) -> None:
        node_modules = settings.NODE_MODULES
        if not (node_modules / "@utrecht/component-library-css").exists():
            raise CommandError(f"{node_modules} has no NL Design System packages: run `npm ci`.")
        css = build_css(base_dir=settings.BASE_DIR, node_modules=node_modules)
        target = settings.ASSETS_DIR / "css" / "bestuurstafel.css"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css)
        self.stdout.write(f"{target} ({len(css.encode()):,} bytes)")
        script = build_js(base_dir=settings.BASE_DIR, node_modules=node_modules)
        target = settings.ASSETS_DIR / "js" / "bestuurstafel.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script)
        self.stdout.write(f"{target} ({len(script.encode()):,} bytes)")

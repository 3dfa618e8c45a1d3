from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = 50) -> Page:
    """Paginate; a bad or too large page number gives the nearest page, never an error."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("pagina"))

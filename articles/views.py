from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from articles.forms import ArticleSearchForm
from articles.models import Article
from triage.models import Cause


class ArticleViewMixin:
    """What the article pages share: who may see what, and the search box."""

    model = Article

    def get_queryset(self):
        return Article.objects.viewable_by(self.request.user)

    def get_search_form(self):
        if not hasattr(self, "_search_form"):
            self._search_form = ArticleSearchForm(self.request.GET or None)
        return self._search_form

    def get_context_data(self, **kwargs):
        return super().get_context_data(search_form=self.get_search_form(), **kwargs)


class ArticleListView(ArticleViewMixin, ListView):
    paginate_by = 10

    def get_queryset(self):
        # The list is what readers see, even for staff: drafts are previewed one by one.
        articles = Article.objects.published().defer("body")
        form = self.get_search_form()
        if form.is_valid() and form.cleaned_data["q"]:
            articles = articles.search(form.cleaned_data["q"])
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_search_form()
        context["query"] = form.cleaned_data["q"] if form.is_valid() else ""
        return context


class ArticleDetailView(ArticleViewMixin, DetailView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("causes", queryset=Cause.objects.only("slug", "name", "order"))
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = self.object.related_articles()
        context["is_preview"] = not self.object.is_public
        return context

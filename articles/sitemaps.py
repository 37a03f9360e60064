from django.contrib.sitemaps import Sitemap

from articles.models import Article
from triage.models import Cause


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class CauseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Cause.objects.only("slug").order_by("order", "slug")


SITEMAPS = {"articles": ArticleSitemap, "causes": CauseSitemap}
